package dev.berth.app.bench.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.berth.app.CommandOutput;
import dev.berth.app.ExitCodes;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Bad {@code berth bench store} flags are usage errors naming the flag; a missing etcd says how to install it. */
class StoreBenchCommandTest {
    static Stream<Arguments> badFlags() {
        return Stream.of(
                arguments(new String[] {"--members", "2"}, "--members"),
                arguments(new String[] {"--members", "1,1"}, "--members"),
                arguments(new String[] {"--members", "one"}, "--members"),
                arguments(new String[] {"--rows", "puts"}, "--rows"),
                arguments(new String[] {"--clients", "0"}, "--clients"),
                arguments(new String[] {"--requests", "0"}, "--requests"),
                arguments(new String[] {"--warmup-requests", "-1"}, "--warmup-requests"),
                arguments(new String[] {"--key-bytes", "0"}, "--key-bytes"),
                arguments(new String[] {"--value-bytes", "-1"}, "--value-bytes"),
                arguments(new String[] {"--runs", "0"}, "--runs"),
                arguments(new String[] {"--watch-puts", "0"}, "--watch-puts"),
                arguments(new String[] {"--watch-rate", "0"}, "--watch-rate"),
                arguments(new String[] {"--timeout", "0"}, "--timeout"));
    }

    @ParameterizedTest
    @MethodSource("badFlags")
    void badFlagIsAUsageErrorNamingTheFlag(String[] flags, String named) {
        String[] args = Stream.concat(Stream.of("bench", "store", "--etcd", "/nonexistent/etcd"), Stream.of(flags)).toArray(String[]::new);

        CommandOutput result = CommandOutput.run(args);

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.stderr()).contains(named);
    }

    @Test
    void missingEtcdIsAFailureSayingHowToInstallIt() {
        CommandOutput result = CommandOutput.run("bench", "store", "--etcd", "/nonexistent/etcd");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(result.stderr()).contains("/nonexistent/etcd", "apt-get install etcd-server");
    }
}
