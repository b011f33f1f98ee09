package dev.berth.testclusters;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The reason the kind target gives for not running, from what its probes answer. */
class KindPrerequisitesTest {
    private static final CommandResult OK = new CommandResult(0, "fine\n");
    /** Stands for a program that is not installed: the runner cannot start it. */
    private static final CommandResult MISSING = new CommandResult(Integer.MIN_VALUE, "not installed");

    static Stream<Arguments> machines() {
        return Stream.of(
                Arguments.of("everything answers", Map.of(), Optional.empty()),
                Arguments.of("no kind", Map.of("kind", MISSING),
                        Optional.of("kind target unavailable: `kind` cannot be run (not on PATH?): Cannot run program \"kind\"")),
                Arguments.of("no kubectl", Map.of("kubectl", MISSING),
                        Optional.of("kind target unavailable: `kubectl` cannot be run (not on PATH?): Cannot run program \"kubectl\"")),
                Arguments.of("no docker program", Map.of("docker", MISSING),
                        Optional.of("kind target unavailable: `docker` cannot be run (not on PATH?): Cannot run program \"docker\"")),
                Arguments.of("docker without an engine", Map.of("docker", new CommandResult(1,
                                "Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?\nmore\n")),
                        Optional.of("kind target unavailable: `docker info` failed (exit 1): Cannot connect to the Docker daemon"
                                + " at unix:///var/run/docker.sock. Is the docker daemon running?")),
                Arguments.of("docker info hangs", Map.of("docker", new CommandResult(-1, "")),
                        Optional.of("kind target unavailable: `docker info` failed (exit -1)")),
                Arguments.of("kind is checked before docker", Map.of("kind", MISSING, "docker", new CommandResult(1, "x")),
                        Optional.of("kind target unavailable: `kind` cannot be run (not on PATH?): Cannot run program \"kind\"")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("machines")
    void reportsWhyKindCannotRun(String machine, Map<String, CommandResult> answers, Optional<String> reason) {
        CommandRunner runner = (command, timeout) -> {
            String program = command.get(0);
            if (!answers.containsKey(program)) {
                return OK;
            }
            CommandResult answer = answers.get(program);
            if (answer == MISSING) {
                throw new IOException("Cannot run program \"" + program + "\"");
            }
            return answer;
        };
        assertThat(new KindPrerequisites(runner).unavailableReason()).isEqualTo(reason);
    }

    @Test
    void asksKindKubectlAndDocker() {
        List<List<String>> asked = new ArrayList<>();
        new KindPrerequisites((command, timeout) -> {
            asked.add(command);
            return OK;
        }).unavailableReason();
        assertThat(asked).containsExactly(List.of("kind", "version"), List.of("kubectl", "version", "--client"),
                List.of("docker", "info"));
    }
}
