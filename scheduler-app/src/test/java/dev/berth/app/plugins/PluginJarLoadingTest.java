package dev.berth.app.plugins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.app.CommandOutput;
import dev.berth.app.ExitCodes;
import dev.berth.framework.api.FilterPlugin;
import dev.berth.framework.api.Plugin;
import dev.berth.framework.api.PluginArgs;
import dev.berth.framework.registry.PluginRegistry;
import dev.berth.framework.registry.RegistryException;
import dev.berth.testkit.PluginJar;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Plugin jars from {@code --plugins-dir}: each loads in a class loader of its own, declares the plugin API version
 * it was built for, and a broken one stops {@code berth simulate} (as it stops {@code berth scheduler}: both load
 * through PluginSetup) with exit code 2 and a message naming the jar and the plugin. The jars are compiled here,
 * so their classes exist only inside the jar, as a real plugin's do.
 */
class PluginJarLoadingTest {

    static final String HELLO = """
            package ext;
            import dev.berth.framework.api.*;
            import io.fabric8.kubernetes.api.model.Pod;
            public final class HelloFactory extends BasePluginFactory {
                public record Args(Integer limit) {
                    public Args {
                        if (limit != null && limit < 0) throw new InvalidArgsException("limit", "must not be negative");
                    }
                }
                public HelloFactory() { super("Hello", (args, handle) -> new Hello(args.decode(Args.class))); }
                static final class Hello implements FilterPlugin {
                    Hello(Args args) { }
                    public String name() { return "Hello"; }
                    public Status filter(CycleState s, Pod p, NodeInfo n) { return Status.SUCCESS; }
                }
            }
            """;

    private static final String FACTORY_THROWS = """
            package ext;
            import dev.berth.framework.api.*;
            public final class BrokenFactory implements PluginFactory {
                public BrokenFactory() { throw new IllegalStateException("no license key"); }
                public String name() { return "Broken"; }
                public Plugin create(PluginArgs a, Handle h) { return null; }
            }
            """;

    private static final String PLUGIN_THROWS = """
            package ext;
            import dev.berth.framework.api.*;
            import io.fabric8.kubernetes.api.model.Pod;
            public final class HelloFactory extends BasePluginFactory {
                public HelloFactory() { super("Hello", (args, handle) -> new Hello()); }
                static final class Hello implements FilterPlugin {
                    Hello() { throw new IllegalStateException("cannot reach the license server"); }
                    public String name() { return "Hello"; }
                    public Status filter(CycleState s, Pod p, NodeInfo n) { return Status.SUCCESS; }
                }
            }
            """;

    private static final String SCENARIO = """
            apiVersion: v1
            kind: Node
            metadata: {name: n1}
            status: {allocatable: {cpu: "1", memory: 1Gi, pods: "10"}}
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: p}
            spec: {containers: [{name: c, image: i}]}
            """;

    private static final String ENABLE_HELLO = """
            apiVersion: kubescheduler.config.k8s.io/v1
            kind: KubeSchedulerConfiguration
            profiles:
            - plugins:
                filter:
                  enabled: [{name: Hello}]
              pluginConfig:
              - name: Hello
                args: {limit: %s}
            """;

    @TempDir
    Path tmp;

    /** A broken plugins directory, the config that enables its plugin, and what the error must name. */
    record BrokenCase(String kind, Function<Path, Path> jarIn, String limit, List<String> messageParts) {
        @Override
        public String toString() {
            return kind;
        }
    }

    static Stream<Arguments> brokenJars() {
        return Stream.of(
                new BrokenCase("no factory", dir -> PluginJar.named("hello").source("ext.HelloFactory", HELLO).writeTo(dir), "1",
                        List.of("declares no dev.berth.framework.api.PluginFactory")),
                new BrokenCase("wrong API version", dir -> PluginJar.named("hello").source("ext.HelloFactory", HELLO)
                        .factory("ext.HelloFactory").apiVersion("99").writeTo(dir), "1",
                        List.of("(ext.HelloFactory) is built for plugin API version 99; this Berth serves plugin API version 1")),
                new BrokenCase("no API version", dir -> PluginJar.named("hello").source("ext.HelloFactory", HELLO)
                        .factory("ext.HelloFactory").apiVersion(null).writeTo(dir), "1",
                        List.of("(ext.HelloFactory) declares no Berth-Plugin-Api in its manifest")),
                new BrokenCase("factory constructor throws", dir -> PluginJar.named("broken").source("ext.BrokenFactory", FACTORY_THROWS)
                        .factory("ext.BrokenFactory").writeTo(dir), "1",
                        List.of("plugin factory ext.BrokenFactory", "failed to construct", "no license key")),
                new BrokenCase("plugin constructor throws", dir -> PluginJar.named("hello").source("ext.HelloFactory", PLUGIN_THROWS)
                        .factory("ext.HelloFactory").writeTo(dir), "1",
                        List.of("plugin \"Hello\"", "failed to start", "cannot reach the license server")),
                new BrokenCase("args validation throws", dir -> PluginJar.named("hello").source("ext.HelloFactory", HELLO)
                        .factory("ext.HelloFactory").writeTo(dir), "-1",
                        List.of("profiles[0].pluginConfig[0].args.limit: invalid args for plugin \"Hello\"", "must not be negative")),
                new BrokenCase("service line names a missing class", dir -> PluginJar.named("hello").source("ext.HelloFactory", HELLO)
                        .factory("ext.HeloFactory").writeTo(dir), "1",
                        List.of("ext.HeloFactory")),
                new BrokenCase("not a jar", dir -> write(dir.resolve("hello.jar"), "not a zip"), "1",
                        List.of("is not a readable jar")))
                .map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenJars")
    void aBrokenJarStopsStartupNamingTheJarAndPlugin(BrokenCase broken) throws IOException {
        Path plugins = Files.createDirectories(tmp.resolve("plugins"));
        Path jar = broken.jarIn().apply(plugins);

        CommandOutput out = CommandOutput.run("simulate", "-f", write(tmp.resolve("scenario.yaml"), SCENARIO).toString(),
                "--config", write(tmp.resolve("config.yaml"), ENABLE_HELLO.formatted(broken.limit())).toString(),
                "--plugins-dir", plugins.toString());

        assertThat(out.exitCode()).as(out.stderr()).isEqualTo(ExitCodes.USAGE);
        assertThat(out.stderr()).contains(jar.toString());
        broken.messageParts().forEach(part -> assertThat(out.stderr()).contains(part));
        assertThat(out.stdout()).isEmpty();
    }

    @Test
    void aGoodJarLoadsInALoaderOfItsOwn() {
        Path jar = PluginJar.named("hello").source("ext.HelloFactory", HELLO).factory("ext.HelloFactory").writeTo(tmp);

        PluginRegistry registry = new PluginRegistry().loadPluginsDir(tmp, getClass().getClassLoader());

        assertThat(registry.names()).containsExactly("Hello");
        assertThat(registry.origin("Hello")).isEqualTo("jar " + jar);
        Plugin plugin = registry.get("Hello").orElseThrow().create(PluginArgs.empty(), null);
        assertThat(plugin.getClass().getClassLoader()).isNotSameAs(getClass().getClassLoader());
    }

    @Test
    void twoPluginsWithOneNameAreAnError() {
        PluginJar.named("a").source("ext.HelloFactory", HELLO).factory("ext.HelloFactory").writeTo(tmp);
        Path second = PluginJar.named("b").source("ext.HelloFactory", HELLO).factory("ext.HelloFactory").writeTo(tmp);

        assertThatThrownBy(() -> new PluginRegistry().loadPluginsDir(tmp, getClass().getClassLoader()))
                .isInstanceOf(RegistryException.class)
                .hasMessageContaining("plugin \"Hello\" from jar " + second + " is already registered from jar");
    }

    @Test
    void aMissingDirectoryIsAnError() {
        Path missing = tmp.resolve("nope");
        assertThatThrownBy(() -> new PluginRegistry().loadPluginsDir(missing, getClass().getClassLoader()))
                .hasMessage("plugins directory " + missing + " does not exist or is not a directory");
    }

    /** A library class that Berth and two plugins each carry in another version. */
    private static String clashingLibrary(String version) {
        return "package clash; public final class Version { public static String value() { return \"" + version + "\"; } }";
    }

    private static String pluginUsingTheLibrary(String name) {
        return """
                package ext.%1$s;
                import dev.berth.framework.api.*;
                import io.fabric8.kubernetes.api.model.Pod;
                public final class Factory extends BasePluginFactory {
                    public Factory() { super("%1$s", (args, handle) -> new P()); }
                    public static final class P implements FilterPlugin {
                        public String name() { return "%1$s"; }
                        public Status filter(CycleState s, Pod p, NodeInfo n) { return Status.unschedulable(clash.Version.value()); }
                    }
                }
                """.formatted(name);
    }

    @Test
    void aLibraryBundledInAPluginJarClashesWithNothing() throws Exception {
        Path berthSide = PluginJar.named("berth-lib").source("clash.Version", clashingLibrary("berth")).writeTo(tmp.resolve("berth"));
        Path plugins = tmp.resolve("plugins");
        for (String name : List.of("alpha", "beta")) {
            PluginJar.named(name).source("clash.Version", clashingLibrary(name))
                    .source("ext." + name + ".Factory", pluginUsingTheLibrary(name))
                    .factory("ext." + name + ".Factory").writeTo(plugins);
        }
        try (URLClassLoader berth = new URLClassLoader(new URL[] {berthSide.toUri().toURL()}, getClass().getClassLoader())) {
            PluginRegistry registry = new PluginRegistry().loadPluginsDir(plugins, berth);

            for (String name : List.of("alpha", "beta")) {
                Plugin plugin = registry.get(name).orElseThrow().create(PluginArgs.empty(), null);
                var verdict = ((FilterPlugin) plugin).filter(null, null, null);
                assertThat(verdict.reasons()).as("plugin %s sees its own library", name).containsExactly(name);
                assertThat(plugin.getClass().getClassLoader().loadClass(Plugin.class.getName()))
                        .as("the API is shared").isSameAs(Plugin.class);
            }
            assertThat(berth.loadClass("clash.Version").getMethod("value").invoke(null))
                    .as("Berth keeps its own library").isEqualTo("berth");
        }
    }

    static Path write(Path file, String text) {
        try {
            return Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
