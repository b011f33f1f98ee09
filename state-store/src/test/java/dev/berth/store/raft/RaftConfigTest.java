package dev.berth.store.raft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Configuration validation: every bad value is refused up front, naming the field. */
class RaftConfigTest {
    private static final ReadOnlyOption SAFE = ReadOnlyOption.SAFE;

    @ParameterizedTest(name = "{0}")
    @MethodSource("badConfigs")
    void badValueIsRefusedNamingTheField(String field, Supplier<RaftConfig> config) {
        assertThatThrownBy(config::get)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("raft config: " + field + " ");
    }

    static Stream<Arguments> badConfigs() {
        return Stream.of(
                bad("id", () -> new RaftConfig(0, 10, 1, 1024, 256, 0, 1024, true, true, SAFE, 0)),
                bad("heartbeatTick", () -> new RaftConfig(1, 10, 0, 1024, 256, 0, 1024, true, true, SAFE, 0)),
                bad("heartbeatTick", () -> new RaftConfig(1, 10, -1, 1024, 256, 0, 1024, true, true, SAFE, 0)),
                bad("electionTick", () -> new RaftConfig(1, 1, 1, 1024, 256, 0, 1024, true, true, SAFE, 0)),
                bad("electionTick", () -> new RaftConfig(1, 2, 3, 1024, 256, 0, 1024, true, true, SAFE, 0)),
                bad("maxSizePerMessage", () -> new RaftConfig(1, 10, 1, 0, 256, 0, 1024, true, true, SAFE, 0)),
                bad("maxInflightMessages", () -> new RaftConfig(1, 10, 1, 1024, 0, 0, 1024, true, true, SAFE, 0)),
                bad("maxInflightBytes", () -> new RaftConfig(1, 10, 1, 1024, 256, -1, 1024, true, true, SAFE, 0)),
                bad("maxApplyBytes", () -> new RaftConfig(1, 10, 1, 1024, 256, 0, 0, true, true, SAFE, 0)),
                bad("readOnlyOption", () -> new RaftConfig(1, 10, 1, 1024, 256, 0, 1024, true, true, null, 0)),
                bad("readOnlyOption", () -> new RaftConfig(1, 10, 1, 1024, 256, 0, 1024, true, false,
                        ReadOnlyOption.LEASE_BASED, 0)),
                bad("readOnlyOption", () -> RaftConfig.defaults(1).withCheckQuorum(false)
                        .withReadOnlyOption(ReadOnlyOption.LEASE_BASED)),
                bad("readOnlyOption", () -> RaftConfig.defaults(1).withReadOnlyOption(ReadOnlyOption.LEASE_BASED)
                        .withCheckQuorum(false)),
                bad("applied", () -> new RaftConfig(1, 10, 1, 1024, 256, 0, 1024, true, true, SAFE, -1)),
                bad("id", () -> RaftConfig.defaults(1).withId(0)),
                bad("applied", () -> RaftConfig.defaults(1).withApplied(-5)));
    }

    private static Arguments bad(String field, Supplier<RaftConfig> config) {
        return arguments(field, config);
    }

    @Test
    void leaseBasedReadsAreAllowedWithCheckQuorum() {
        RaftConfig config = RaftConfig.defaults(1).withReadOnlyOption(ReadOnlyOption.LEASE_BASED);

        assertThat(config.readOnlyOption()).isEqualTo(ReadOnlyOption.LEASE_BASED);
        assertThat(config.checkQuorum()).isTrue();
    }

    @Test
    void defaultsAreEtcds() {
        RaftConfig config = RaftConfig.defaults(7);

        assertThat(config).isEqualTo(new RaftConfig(7, 10, 1, 1 << 20, 256, 0, 64L << 20, true, true, SAFE, 0));
    }

    @Test
    void withersChangeOnlyTheirField() {
        RaftConfig base = new RaftConfig(1, 12, 2, 4096, 8, 100, 2048, false, false, SAFE, 3);

        assertThat(base.withId(2)).isEqualTo(new RaftConfig(2, 12, 2, 4096, 8, 100, 2048, false, false, SAFE, 3));
        assertThat(base.withApplied(9)).isEqualTo(new RaftConfig(1, 12, 2, 4096, 8, 100, 2048, false, false, SAFE, 9));
        assertThat(base.withPreVote(true))
                .isEqualTo(new RaftConfig(1, 12, 2, 4096, 8, 100, 2048, true, false, SAFE, 3));
        assertThat(base.withCheckQuorum(true))
                .isEqualTo(new RaftConfig(1, 12, 2, 4096, 8, 100, 2048, false, true, SAFE, 3));
        assertThat(base.withCheckQuorum(true).withReadOnlyOption(ReadOnlyOption.LEASE_BASED)).isEqualTo(
                new RaftConfig(1, 12, 2, 4096, 8, 100, 2048, false, true, ReadOnlyOption.LEASE_BASED, 3));
    }
}
