package dev.berth.app.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.berth.app.PluginSetup;
import dev.berth.framework.config.ConfigException;
import dev.berth.framework.config.ProfileConfig;
import dev.berth.framework.config.SchedulerConfigLoader;
import dev.berth.framework.config.SchedulerConfiguration;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigFileWatcherTest {

    private static final Duration INTERVAL = Duration.ofMillis(50);
    private static final Duration WAIT = Duration.ofSeconds(10);
    /** Several polls: long enough for a reload that was going to happen to have happened. */
    private static final long QUIET_MILLIS = 500;

    private static String profile(String schedulerName) {
        return """
                apiVersion: kubescheduler.config.k8s.io/v1
                kind: KubeSchedulerConfiguration
                profiles:
                - schedulerName: %s
                """.formatted(schedulerName);
    }

    @TempDir
    Path tmp;

    private final SchedulerConfigLoader loader = PluginSetup.configLoader(PluginSetup.registry(null));
    private final List<List<String>> applied = new CopyOnWriteArrayList<>();

    private ConfigFileWatcher watch(Path file) throws IOException {
        return new ConfigFileWatcher(file, Files.readAllBytes(file), INTERVAL, loader::parse,
                config -> applied.add(config.profiles().stream().map(ProfileConfig::schedulerName).toList()));
    }

    @Test
    void aChangedValidFileIsAppliedAndAnInvalidOneIsNot() throws Exception {
        Path file = Files.writeString(tmp.resolve("config.yaml"), profile("berth"));
        try (ConfigFileWatcher watcher = watch(file)) {
            Thread.sleep(QUIET_MILLIS);
            assertThat(applied).as("an unchanged file is not reloaded").isEmpty();

            Files.writeString(file, profile("berth-v2"));
            await().atMost(WAIT).until(() -> applied.size() == 1);
            assertThat(applied.get(0)).containsExactly("berth-v2");

            Files.writeString(file, "profiles: [{schedulerName: x, plugins: {filter: {enabled: [{name: NoSuchPlugin}]}}}]\n");
            Thread.sleep(QUIET_MILLIS);
            assertThat(applied).as("an invalid file is not applied").hasSize(1);

            Files.writeString(file, profile("berth-v3"));
            await().atMost(WAIT).until(() -> applied.size() == 2);
            assertThat(applied.get(1)).containsExactly("berth-v3");
        }
    }

    @Test
    void aConfigurationThatFailsToBuildKeepsTheWatcherGoing() throws Exception {
        Path file = Files.writeString(tmp.resolve("config.yaml"), profile("berth"));
        List<String> attempts = new CopyOnWriteArrayList<>();
        try (ConfigFileWatcher watcher = new ConfigFileWatcher(file, Files.readAllBytes(file), INTERVAL, loader::parse, config -> {
            String name = config.profiles().get(0).schedulerName();
            attempts.add(name);
            if (name.equals("broken")) {
                throw new ConfigException("profiles[0].plugins", "cannot be built");
            }
        })) {
            Files.writeString(file, profile("broken"));
            await().atMost(WAIT).until(() -> attempts.size() == 1);
            Files.write(file, profile("fixed").getBytes(StandardCharsets.UTF_8));
            await().atMost(WAIT).until(() -> attempts.size() == 2);
            assertThat(attempts).containsExactly("broken", "fixed");
        }
    }
}
