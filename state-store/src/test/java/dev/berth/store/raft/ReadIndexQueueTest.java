package dev.berth.store.raft;

import static dev.berth.store.raft.Fixtures.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.google.protobuf.ByteString;
import org.junit.jupiter.api.Test;

/** The leader's queue of reads waiting for a heartbeat quorum. */
class ReadIndexQueueTest {
    private static final ByteString FIRST = bytes("1");
    private static final ByteString SECOND = bytes("2");
    private static final ByteString THIRD = bytes("3");

    @Test
    void releasingOneRequestReleasesAllQueuedBeforeIt() {
        ReadIndexQueue q = new ReadIndexQueue();
        q.add(5, new ReadIndexQueue.Request(1, FIRST));
        ByteString second = q.add(6, new ReadIndexQueue.Request(2, SECOND));
        ByteString third = q.add(7, new ReadIndexQueue.Request(1, THIRD));

        assertThat(q.releaseThrough(second)).extracting(p -> p.request().context(), ReadIndexQueue.Pending::index)
                .containsExactly(tuple(FIRST, 5L), tuple(SECOND, 6L));
        assertThat(q.lastContext()).isEqualTo(third);
        assertThat(q.releaseThrough(second)).isEmpty();
    }

    @Test
    void acknowledgementsAreCollectedPerRequest() {
        ReadIndexQueue q = new ReadIndexQueue();
        q.add(5, new ReadIndexQueue.Request(1, FIRST));
        ByteString second = q.add(6, new ReadIndexQueue.Request(2, SECOND));

        q.acknowledge(1, second);
        assertThat(q.acknowledge(3, second)).containsOnlyKeys(1L, 3L);
        assertThat(q.acknowledge(3, bytes("unknown"))).isNull();
    }

    @Test
    void theSameContextFromTwoMembersStaysTwoRequestsWithTheirOwnIndexes() {
        ReadIndexQueue q = new ReadIndexQueue();
        ByteString first = q.add(5, new ReadIndexQueue.Request(1, FIRST));
        ByteString second = q.add(9, new ReadIndexQueue.Request(2, FIRST));

        assertThat(first).isNotEqualTo(second);
        assertThat(q.releaseThrough(second)).extracting(p -> p.request().from(), ReadIndexQueue.Pending::index)
                .containsExactly(tuple(1L, 5L), tuple(2L, 9L));
    }

    @Test
    void emptyQueueHasNoContext() {
        ReadIndexQueue q = new ReadIndexQueue();
        assertThat(q.lastContext()).isEqualTo(ByteString.EMPTY);

        ByteString only = q.add(1, new ReadIndexQueue.Request(1, THIRD));
        q.releaseThrough(only);

        assertThat(q.lastContext()).isEqualTo(ByteString.EMPTY);
    }
}
