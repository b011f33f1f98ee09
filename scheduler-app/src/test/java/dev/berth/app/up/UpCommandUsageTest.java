package dev.berth.app.up;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.app.CommandOutput;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Bad usage of {@code berth up} exits 2 naming the flag at fault, before anything starts or is written. */
class UpCommandUsageTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "listen on every interface   | --listen 0.0.0.0:6443            | --listen 0.0.0.0:6443: berth up serves on a loopback address only",
            "listen on an unknown host   | --listen no-such-host.invalid:1  | --listen no-such-host.invalid:1: unknown host",
            "listen without a port       | --listen 127.0.0.1               | --listen 127.0.0.1: expected HOST:PORT",
            "too many nodes              | --nodes 10001                    | --nodes 10001: must be from 0 to 10000",
            "even store members          | --store-nodes 2                  | --store-nodes 2: must be 1, 3 or 5",
            "exit without the demo       | --exit-when-done                 | --exit-when-done needs --demo",
            "demo without the scheduler  | --demo --no-scheduler            | --demo needs the scheduler: drop --no-scheduler",
            "config without a scheduler  | --no-scheduler --config c.yaml   | --config configures the scheduler: drop --no-scheduler",
    })
    void badUsageExitsTwoNamingTheFlag(String name, String args, String message) throws Exception {
        Path dataDir = dir.resolve("data");
        CommandOutput out = CommandOutput.run(("up --data-dir " + dataDir + " " + args).split("\\s+"));
        assertThat(out.exitCode()).as(out.stderr()).isEqualTo(2);
        assertThat(out.stderr()).contains(message);
        assertThat(Files.exists(dataDir)).as("nothing written before the flags are checked").isFalse();
    }
}
