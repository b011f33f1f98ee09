package dev.berth.store.raft;

import static dev.berth.store.raft.Fixtures.config;
import static dev.berth.store.raft.Fixtures.hardState;
import static dev.berth.store.raft.Fixtures.voters;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.berth.store.raft.pb.ConfChange;
import dev.berth.store.raft.pb.ConfChangeType;
import dev.berth.store.raft.pb.Entry;
import dev.berth.store.raft.pb.EntryType;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The bootstrap log: every initial member must write the very same entries, or their logs diverge at 1. */
class BootstrapTest {

    static List<List<Long>> orders() {
        return List.of(List.of(1L, 2L, 3L), List.of(3L, 1L, 2L), List.of(2L, 3L, 1L), List.of(3L, 2L, 1L));
    }

    @ParameterizedTest(name = "voters listed as {0}")
    @MethodSource("orders")
    void entriesAreTheSameWhateverTheOrderOfTheMembers(List<Long> members) throws Exception {
        List<Entry> entries = Bootstrap.entries(members);

        assertThat(entries).isEqualTo(Bootstrap.entries(List.of(1L, 2L, 3L)));
        assertThat(entries).extracting(Entry::getIndex).containsExactly(1L, 2L, 3L);
        assertThat(entries).extracting(Entry::getTerm).containsOnly(1L);
        assertThat(entries).extracting(Entry::getType).containsOnly(EntryType.ENTRY_CONF_CHANGE);
        assertThat(changes(entries)).extracting(ConfChange::getType).containsOnly(ConfChangeType.CONF_ADD_VOTER);
        assertThat(changes(entries)).extracting(ConfChange::getNodeId).containsExactly(1L, 2L, 3L);
    }

    private static List<ConfChange> changes(List<Entry> entries) throws InvalidProtocolBufferException {
        List<ConfChange> changes = new ArrayList<>();
        for (Entry e : entries) {
            changes.add(ConfChange.parseFrom(e.getData()));
        }
        return changes;
    }

    @Test
    void hardStateCommitsEveryBootstrapEntryInTermOne() {
        assertThat(Bootstrap.hardState(Set.of(5L, 9L, 7L))).isEqualTo(hardState(1, 0, 3));
    }

    @Test
    void duplicateMembersCountOnce() {
        List<Long> members = List.of(2L, 2L, 1L);

        assertThat(Bootstrap.entries(members)).hasSize(2);
        assertThat(Bootstrap.hardState(members).getCommit()).isEqualTo(2);
    }

    @Test
    void aClusterNeedsAVoterAndIdZeroIsReserved() {
        assertThatThrownBy(() -> Bootstrap.entries(List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Bootstrap.entries(List.of(1L, 0L))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void nodeStartedFromTheBootstrapStorageAppliesItsMembership() {
        MemoryStorage storage = Bootstrap.memoryStorage(List.of(3L, 1L, 2L));
        assertThat(storage.firstIndex()).isEqualTo(1);
        assertThat(storage.lastIndex()).isEqualTo(3);
        assertThat(storage.hardState()).isEqualTo(hardState(1, 0, 3));

        Replica r = new Replica(config(1), storage);
        r.processReady();

        RaftStatus s = r.status();
        assertThat(s.confState()).isEqualTo(voters(1, 2, 3));
        assertThat(s.term()).isEqualTo(1);
        assertThat(s.commit()).isEqualTo(3);
        assertThat(s.applied()).isEqualTo(3);
    }
}
