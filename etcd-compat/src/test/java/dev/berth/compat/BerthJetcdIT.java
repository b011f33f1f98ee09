package dev.berth.compat;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The jetcd contract against {@code berth store}, run from the jar scheduler-app built; never skipped. */
class BerthJetcdIT extends JetcdContract {
    @Override
    List<String> launcher() {
        String property = System.getProperty("berth.jar");
        assertThat(property).as("system property berth.jar (failsafe sets it to scheduler-app's berth.jar)").isNotNull();
        Path jar = Path.of(property);
        assertThat(Files.isRegularFile(jar)).as("%s must be built (mvn package of scheduler-app) before this test", jar).isTrue();
        return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dchronicle.analytics.disable=true", "-Xmx512m", "-jar", jar.toString(), "store");
    }
}
