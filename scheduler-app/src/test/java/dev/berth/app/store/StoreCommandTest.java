package dev.berth.app.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.berth.app.CommandOutput;
import dev.berth.app.ExitCodes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/** Bad {@code berth store} flags end with exit code 2 and a message naming the flag. */
class StoreCommandTest {
    static Stream<Arguments> badFlags() {
        return Stream.of(
                arguments(new String[] {"--listen-peer-urls", "127.0.0.1:2380"}, "--listen-peer-urls"),
                arguments(new String[] {"--listen-client-urls", "http://127.0.0.1"}, "--listen-client-urls"),
                arguments(new String[] {"--listen-client-urls", "http://127.0.0.1:1,http://127.0.0.1:2"}, "--listen-client-urls"),
                arguments(new String[] {"--initial-cluster", "n1"}, "--initial-cluster"),
                arguments(new String[] {"--initial-cluster", "other=http://127.0.0.1:2380"}, "--initial-cluster"),
                arguments(new String[] {"--initial-cluster", "default=http://127.0.0.1:2380,default=http://127.0.0.1:2382"},
                        "--initial-cluster"),
                arguments(new String[] {"--initial-cluster-state", "maybe"}, "--initial-cluster-state"),
                arguments(new String[] {"--heartbeat-interval", "0"}, "--heartbeat-interval"),
                arguments(new String[] {"--election-timeout", "200"}, "--election-timeout"),
                arguments(new String[] {"--snapshot-count", "0"}, "--snapshot-count"),
                arguments(new String[] {"--max-request-bytes", "0"}, "--max-request-bytes"),
                arguments(new String[] {"--listen-client-urls", "https://127.0.0.1:2379"}, "--cert-file"),
                arguments(new String[] {"--listen-client-urls", "https://127.0.0.1:2379", "--cert-file", "/no/such/cert.pem"}, "--key-file"),
                arguments(new String[] {"--listen-client-urls", "https://127.0.0.1:2379", "--cert-file", "/no/such/cert.pem",
                        "--key-file", "/no/such/key.pem"}, "--cert-file /no/such/cert.pem"),
                arguments(new String[] {"--listen-peer-urls", "https://127.0.0.1:2380"}, "--peer-cert-file"),
                arguments(new String[] {"--peer-key-file", "/no/such/key.pem"}, "--peer-cert-file"),
                arguments(new String[] {"--listen-peer-urls", "https://127.0.0.1:2380", "--peer-cert-file", "/no/such/peer.pem",
                        "--peer-key-file", "/no/such/peer-key.pem"}, "--peer-cert-file /no/such/peer.pem"));
    }

    @Test
    void aTrustedCaFileThatIsNotPemIsAUsageErrorNamingTheFile(@TempDir Path dir) throws Exception {
        Path garbage = Files.writeString(dir.resolve("ca.pem"), "not a certificate\n");

        CommandOutput result = CommandOutput.run("store", "--data-dir", dir.resolve("s1").toString(),
                "--trusted-ca-file", garbage.toString());

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.stderr()).contains("--trusted-ca-file " + garbage);
        assertThat(dir.resolve("s1")).doesNotExist();
    }

    /** etcd's ReqTimeout: 5 s plus two election timeouts. */
    @ParameterizedTest
    @CsvSource({"1000, 7000", "500, 6000", "5000, 15000"})
    void requestsTimeOutAsEtcdsDo(int electionMillis, long timeoutMillis) {
        StoreCommand command = new StoreCommand();
        new CommandLine(command).parseArgs("--election-timeout", String.valueOf(electionMillis));

        assertThat(command.settings().node().requestTimeout()).isEqualTo(Duration.ofMillis(timeoutMillis));
    }

    @ParameterizedTest
    @MethodSource("badFlags")
    void badFlagIsAUsageErrorNamingTheFlag(String[] flags, String named) {
        String[] args = Stream.concat(Stream.of("store"), Stream.of(flags)).toArray(String[]::new);

        CommandOutput result = CommandOutput.run(args);

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.stderr()).contains(named);
    }
}
