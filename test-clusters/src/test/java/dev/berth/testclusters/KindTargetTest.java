package dev.berth.testclusters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The kind target loads the image archive the Maven build wrote, and refuses a missing or stale one before any script. */
class KindTargetTest {
    private static final Instant JAR_BUILT = Instant.parse("2026-01-01T10:00:00Z");
    private static final CommandResult CREATE_FAILS = new CommandResult(1, "kind: no Docker engine\n");

    /** Archive age relative to berth.jar (empty: no archive), and the start failure expected. */
    static Stream<Arguments> archives() {
        return Stream.of(
                Arguments.of("no archive", Optional.empty(), "kind target: no image archive"),
                Arguments.of("archive older than berth.jar", Optional.of(-60L), "is older than"),
                Arguments.of("archive built after berth.jar", Optional.of(5L), "create-cluster.sh"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("archives")
    void startsOnlyWithTheBuiltImage(String name, Optional<Long> archiveAgeSeconds, String failure, @TempDir Path repository)
            throws IOException {
        Path jar = Files.createDirectories(repository.resolve("scheduler-app/target")).resolve("berth.jar");
        Files.setLastModifiedTime(Files.writeString(jar, "jar"), FileTime.from(JAR_BUILT));
        Path archive = repository.resolve(KindTarget.IMAGE_ARCHIVE);
        if (archiveAgeSeconds.isPresent()) {
            Files.setLastModifiedTime(Files.writeString(archive, "image"),
                    FileTime.from(JAR_BUILT.plusSeconds(archiveAgeSeconds.get())));
        }
        List<List<String>> ran = new ArrayList<>();
        CommandRunner runner = (command, timeout) -> {
            ran.add(command);
            return CREATE_FAILS;
        };
        KindTarget target = new KindTarget(repository, "e2e", repository.resolve("work"), new KindPrerequisites(runner), runner);

        assertThatThrownBy(target::start).isInstanceOf(IllegalStateException.class).hasMessageContaining(failure);

        String scripts = repository.resolve("test-clusters/kind").toString();
        String kubeconfig = repository.resolve("work/kind-e2e.kubeconfig").toString();
        assertThat(ran).isEqualTo(archiveAgeSeconds.filter(age -> age > 0).isEmpty() ? List.of() : List.of(
                List.of("bash", scripts + "/create-cluster.sh", "e2e", kubeconfig, archive.toString()),
                List.of("bash", scripts + "/delete-cluster.sh", "e2e")));
    }
}
