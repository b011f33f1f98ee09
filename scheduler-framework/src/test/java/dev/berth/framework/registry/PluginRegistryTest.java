package dev.berth.framework.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Plugin jars are compiled here at test time so their classes exist only inside the jar, as a real plugin's do. */
class PluginRegistryTest {

    @TempDir
    Path tmp;

    private static final String GOOD = """
            package ext;
            import dev.berth.framework.api.*;
            import io.fabric8.kubernetes.api.model.Pod;
            public final class HelloFactory extends BasePluginFactory {
                public HelloFactory() { super("Hello", (args, handle) -> new Hello()); }
                static final class Hello implements FilterPlugin {
                    public String name() { return "Hello"; }
                    public Status filter(CycleState s, Pod p, NodeInfo n) { return Status.SUCCESS; }
                }
            }
            """;

    private static final String THROWING = """
            package ext;
            import dev.berth.framework.api.*;
            public final class BrokenFactory implements PluginFactory {
                public BrokenFactory() { throw new IllegalStateException("no license key"); }
                public String name() { return "Broken"; }
                public Plugin create(PluginArgs a, Handle h) { return null; }
            }
            """;

    /** Compiles {@code sources} (class name → code) and writes a jar with the given service lines (or none). */
    private Path jar(String jarName, Map<String, String> sources, List<String> services) throws IOException {
        Path src = Files.createDirectories(tmp.resolve(jarName + "-src/ext"));
        Path out = Files.createDirectories(tmp.resolve(jarName + "-classes"));
        for (var e : sources.entrySet()) {
            Files.writeString(src.resolve(e.getKey() + ".java"), e.getValue());
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        List<String> args = new java.util.ArrayList<>(List.of("-d", out.toString(), "-cp", System.getProperty("java.class.path")));
        for (String name : sources.keySet()) {
            args.add(src.resolve(name + ".java").toString());
        }
        assertThat(javac.run(null, null, null, args.toArray(String[]::new))).as("javac").isZero();
        Path jar = tmp.resolve("plugins").resolve(jarName + ".jar");
        Files.createDirectories(jar.getParent());
        try (JarOutputStream j = new JarOutputStream(Files.newOutputStream(jar))) {
            try (var files = Files.walk(out)) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    j.putNextEntry(new JarEntry(out.relativize(f).toString().replace('\\', '/')));
                    Files.copy(f, j);
                    j.closeEntry();
                }
            }
            if (!services.isEmpty()) {
                j.putNextEntry(new JarEntry("META-INF/services/dev.berth.framework.api.PluginFactory"));
                OutputStream o = j;
                o.write(String.join("\n", services).getBytes(StandardCharsets.UTF_8));
                j.closeEntry();
            }
        }
        return jar;
    }

    @Test
    void loadsAPluginFromAJarInItsOwnClassLoader() throws IOException {
        Path jar = jar("hello", Map.of("HelloFactory", GOOD), List.of("ext.HelloFactory"));

        PluginRegistry registry = new PluginRegistry().loadPluginsDir(jar.getParent(), getClass().getClassLoader());

        assertThat(registry.names()).containsExactly("Hello");
        assertThat(registry.origin("Hello")).isEqualTo("jar " + jar);
        var plugin = registry.get("Hello").orElseThrow().create(dev.berth.framework.api.PluginArgs.empty(), null);
        assertThat(plugin.getClass().getClassLoader()).isNotSameAs(getClass().getClassLoader());
    }

    @Test
    void aJarWithoutAFactoryIsAnErrorNamingTheJar() throws IOException {
        Path jar = jar("empty", Map.of("HelloFactory", GOOD), List.of());
        assertThatThrownBy(() -> new PluginRegistry().loadPluginsDir(jar.getParent(), getClass().getClassLoader()))
                .isInstanceOf(RegistryException.class)
                .hasMessageContaining("plugin jar " + jar + " declares no dev.berth.framework.api.PluginFactory");
    }

    @Test
    void aFactoryThatThrowsIsAnErrorNamingJarAndClass() throws IOException {
        Path jar = jar("broken", Map.of("BrokenFactory", THROWING), List.of("ext.BrokenFactory"));
        assertThatThrownBy(() -> new PluginRegistry().loadPluginsDir(jar.getParent(), getClass().getClassLoader()))
                .isInstanceOf(RegistryException.class)
                .hasMessageContaining("ext.BrokenFactory")
                .hasMessageContaining("jar " + jar);
    }

    @Test
    void aServiceLineNamingAMissingClassIsAnError() throws IOException {
        Path jar = jar("typo", Map.of("HelloFactory", GOOD), List.of("ext.HeloFactory"));
        assertThatThrownBy(() -> new PluginRegistry().loadPluginsDir(jar.getParent(), getClass().getClassLoader()))
                .isInstanceOf(RegistryException.class)
                .hasMessageContaining("jar " + jar)
                .hasMessageContaining("ext.HeloFactory");
    }

    @Test
    void twoPluginsWithOneNameAreAnError() throws IOException {
        jar("a", Map.of("HelloFactory", GOOD), List.of("ext.HelloFactory"));
        Path second = jar("b", Map.of("HelloFactory", GOOD), List.of("ext.HelloFactory"));
        assertThatThrownBy(() -> new PluginRegistry().loadPluginsDir(second.getParent(), getClass().getClassLoader()))
                .isInstanceOf(RegistryException.class)
                .hasMessageContaining("plugin \"Hello\" from jar " + second + " is already registered from jar");
    }

    @Test
    void aMissingDirectoryIsAnError() {
        Path missing = tmp.resolve("nope");
        assertThatThrownBy(() -> new PluginRegistry().loadPluginsDir(missing, getClass().getClassLoader()))
                .hasMessage("plugins directory " + missing + " does not exist or is not a directory");
    }
}
