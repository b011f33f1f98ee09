package dev.berth.store.raft;

import static dev.berth.store.raft.Fixtures.config;
import static dev.berth.store.raft.Fixtures.storage;
import static dev.berth.store.raft.Fixtures.voters;
import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.store.raft.pb.Message;
import org.junit.jupiter.api.Test;

/**
 * The core promises that a run is a pure function of its inputs, so a failing simulation seed replays
 * exactly: the messages of one step must come out in the same order in every JVM.
 */
class DeterminismTest {

    /**
     * Ids chosen so that no iteration order of an unordered JDK immutable set of them is ascending: the test
     * fails on every run while the order depends on {@code Set.copyOf}'s per-JVM salt.
     */
    @Test
    void voteRequestsGoOutInIdOrder() {
        Replica candidate = new Replica(config(1), storage(voters(1, 2, 3, 5, 11)));

        candidate.raft.campaign();

        assertThat(candidate.processReady()).extracting(Message::getTo).containsExactly(2L, 3L, 5L, 11L);
    }
}
