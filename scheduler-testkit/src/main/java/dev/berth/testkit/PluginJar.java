package dev.berth.testkit;

import dev.berth.framework.api.PluginApi;
import dev.berth.framework.api.PluginFactory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Compiles Java sources with the JDK's compiler and packs them as a plugin jar, so a test can check how a jar
 * loads (its classes then exist only inside the jar, as a real plugin's do):
 * <pre>{@code
 * Path jar = PluginJar.named("hello").source("ext.HelloFactory", code).factory("ext.HelloFactory").writeTo(pluginsDir);
 * }</pre>
 * The sources compile against the test's own classpath. The manifest declares this scheduler's plugin API
 * version unless {@link #apiVersion(String)} says otherwise.
 */
public final class PluginJar {

    private final String name;
    private final Map<String, String> sources = new LinkedHashMap<>();
    private final List<String> factories = new ArrayList<>();
    private String apiVersion = Integer.toString(PluginApi.VERSION);

    private PluginJar(String name) {
        this.name = name;
    }

    /** A jar written as {@code name.jar}. */
    public static PluginJar named(String name) {
        return new PluginJar(name);
    }

    /** A class, by its binary name ({@code ext.HelloFactory}), and its source code. */
    public PluginJar source(String className, String code) {
        sources.put(className, code);
        return this;
    }

    /** A line of the jar's {@code META-INF/services/dev.berth.framework.api.PluginFactory} file. */
    public PluginJar factory(String className) {
        factories.add(className);
        return this;
    }

    /** The {@value PluginApi#MANIFEST_ATTRIBUTE} manifest attribute; {@code null} leaves it out. */
    public PluginJar apiVersion(String version) {
        this.apiVersion = version;
        return this;
    }

    /**
     * Compiles the sources and writes {@code dir/name.jar}.
     *
     * @throws IllegalStateException with the compiler's output if a source does not compile
     */
    public Path writeTo(Path dir) {
        Path work = null;
        try {
            work = Files.createTempDirectory("plugin-jar-" + name);
            Path classes = Files.createDirectories(work.resolve("classes"));
            compile(work.resolve("src"), classes);
            Files.createDirectories(dir);
            Path jar = dir.resolve(name + ".jar");
            try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest())) {
                addClasses(out, classes);
                if (!factories.isEmpty()) {
                    out.putNextEntry(new JarEntry("META-INF/services/" + PluginFactory.class.getName()));
                    out.write((String.join("\n", factories) + "\n").getBytes(StandardCharsets.UTF_8));
                    out.closeEntry();
                }
            }
            return jar;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write plugin jar " + name, e);
        } finally {
            deleteScratch(work);
        }
    }

    /** Removes the sources and classes compiled for the jar; a test run leaves nothing behind in the temp dir. */
    private static void deleteScratch(Path work) {
        if (work == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(work)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the plugin jar's scratch directory " + work, e);
        }
    }

    private void compile(Path src, Path classes) throws IOException {
        List<String> args = new ArrayList<>(List.of("-d", classes.toString(), "-cp", System.getProperty("java.class.path"),
                "-proc:none"));
        for (var source : sources.entrySet()) {
            Path file = src.resolve(source.getKey().replace('.', '/') + ".java");
            Files.createDirectories(file.getParent());
            Files.writeString(file, source.getValue());
            args.add(file.toString());
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        int exit = javac.run(null, diagnostics, diagnostics,
                args.toArray(String[]::new));
        if (exit != 0) {
            throw new IllegalStateException("plugin jar " + name + " does not compile:\n" + diagnostics.toString(StandardCharsets.UTF_8));
        }
    }

    private Manifest manifest() {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        if (apiVersion != null) {
            manifest.getMainAttributes().putValue(PluginApi.MANIFEST_ATTRIBUTE, apiVersion);
        }
        return manifest;
    }

    private static void addClasses(JarOutputStream out, Path classes) throws IOException {
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
                Files.copy(file, out);
                out.closeEntry();
            }
        }
    }
}
