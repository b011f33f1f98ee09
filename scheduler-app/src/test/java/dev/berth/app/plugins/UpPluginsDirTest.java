package dev.berth.app.plugins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.app.CommandOutput;
import dev.berth.app.ExitCodes;
import dev.berth.app.up.UpScheduling;
import dev.berth.framework.config.ConfigException;
import dev.berth.framework.config.ExtensionPoint;
import dev.berth.framework.config.PluginRef;
import dev.berth.framework.config.ProfileConfig;
import dev.berth.framework.config.SchedulerConfiguration;
import dev.berth.testkit.PluginJar;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code berth up --plugins-dir DIR}: the jars load as for {@code berth scheduler} (PluginSetup), the built-in
 * {@code berth} profile enables their plugins unless {@code --config} gives the profiles, and a broken jar stops
 * {@code berth up} with exit code 2 naming the jar before any part of the cluster starts.
 */
class UpPluginsDirTest {

    private static final String HELLO_FACTORY = "ext.HelloFactory";

    @TempDir
    Path tmp;

    private Path pluginsWithHello() {
        PluginJar.named("hello").source(HELLO_FACTORY, PluginJarLoadingTest.HELLO).factory(HELLO_FACTORY).writeTo(tmp.resolve("plugins"));
        return tmp.resolve("plugins");
    }

    private static List<String> multiPoint(SchedulerConfiguration config, String profile) {
        ProfileConfig p = config.profiles().stream().filter(c -> c.schedulerName().equals(profile)).findFirst().orElseThrow();
        return p.plugins().get(ExtensionPoint.MULTI_POINT).enabled().stream().map(PluginRef::name).toList();
    }

    @Test
    void withoutAPluginsDirTheBerthProfileAddsCoschedulingOnly() {
        SchedulerConfiguration config = UpScheduling.load(null, null).config();

        assertThat(multiPoint(config, "berth")).contains("Coscheduling").doesNotContain("Hello");
        assertThat(config.profiles()).extracting(ProfileConfig::schedulerName).containsExactly("default-scheduler", "berth");
    }

    @Test
    void theBerthProfileEnablesThePluginsOfTheJars() {
        UpScheduling scheduling = UpScheduling.load(pluginsWithHello(), null);

        assertThat(scheduling.registry().names()).contains("Hello", "Coscheduling", "TargetLoadPacking");
        assertThat(multiPoint(scheduling.config(), "berth")).contains("Coscheduling", "Hello").doesNotContain("TargetLoadPacking");
        assertThat(multiPoint(scheduling.config(), "default-scheduler")).doesNotContain("Hello");
    }

    @Test
    void aConfigFileGivesTheProfilesInstead() throws IOException {
        Path config = Files.writeString(tmp.resolve("config.yaml"), """
                apiVersion: kubescheduler.config.k8s.io/v1
                kind: KubeSchedulerConfiguration
                profiles:
                - schedulerName: mine
                  plugins:
                    multiPoint:
                      enabled: [{name: Hello}]
                """);

        SchedulerConfiguration loaded = UpScheduling.load(pluginsWithHello(), config).config();

        assertThat(loaded.profiles()).extracting(ProfileConfig::schedulerName).containsExactly("mine");
        assertThat(multiPoint(loaded, "mine")).contains("Hello");
    }

    @Test
    void aConfigNamingAnUnknownPluginIsAConfigError() throws IOException {
        Path config = Files.writeString(tmp.resolve("config.yaml"), """
                apiVersion: kubescheduler.config.k8s.io/v1
                kind: KubeSchedulerConfiguration
                profiles:
                - plugins:
                    multiPoint:
                      enabled: [{name: Hello}]
                """);

        assertThatThrownBy(() -> UpScheduling.load(null, config)).isInstanceOf(ConfigException.class).hasMessageContaining("Hello");
    }

    /** A plugins directory that cannot load, and what the error names besides the jar. */
    record Broken(String kind, Function<Path, Path> jarIn, String why) {
        @Override
        public String toString() {
            return kind;
        }
    }

    static Stream<Broken> brokenJars() {
        return Stream.of(
                new Broken("not a jar", dir -> PluginJarLoadingTest.write(dir.resolve("hello.jar"), "not a zip"), "is not a readable jar"),
                new Broken("no factory", dir -> PluginJar.named("hello").source(HELLO_FACTORY, PluginJarLoadingTest.HELLO).writeTo(dir),
                        "declares no dev.berth.framework.api.PluginFactory"),
                new Broken("wrong API version", dir -> PluginJar.named("hello").source(HELLO_FACTORY, PluginJarLoadingTest.HELLO)
                        .factory(HELLO_FACTORY).apiVersion("99").writeTo(dir), "is built for plugin API version 99"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenJars")
    void aBrokenJarStopsBerthUpBeforeTheClusterStarts(Broken broken) throws IOException {
        Path plugins = Files.createDirectories(tmp.resolve("plugins"));
        Path jar = broken.jarIn().apply(plugins);
        Path data = tmp.resolve("data");

        CommandOutput out = CommandOutput.run("up", "--plugins-dir", plugins.toString(), "--data-dir", data.toString(),
                "--listen", "127.0.0.1:0", "--nodes", "0");

        assertThat(out.exitCode()).as(out.stderr()).isEqualTo(ExitCodes.USAGE);
        assertThat(out.stderr()).contains("--plugins-dir", jar.toString(), broken.why());
        assertThat(data).as("nothing started").doesNotExist();
    }

    @Test
    void aMissingConfigFileStopsBerthUpBeforeTheClusterStarts() {
        Path missing = tmp.resolve("nope.yaml");
        Path data = tmp.resolve("data");

        CommandOutput out = CommandOutput.run("up", "--config", missing.toString(), "--data-dir", data.toString(),
                "--listen", "127.0.0.1:0", "--nodes", "0");

        assertThat(out.exitCode()).as(out.stderr()).isEqualTo(ExitCodes.USAGE);
        assertThat(out.stderr()).contains(missing.toString());
        assertThat(data).as("nothing started").doesNotExist();
    }

    @Test
    void aPluginsDirNeedsTheScheduler() {
        CommandOutput out = CommandOutput.run("up", "--no-scheduler", "--plugins-dir", pluginsWithHello().toString(),
                "--data-dir", tmp.resolve("data").toString());

        assertThat(out.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(out.stderr()).contains("--plugins-dir configures the scheduler: drop --no-scheduler");
    }
}
