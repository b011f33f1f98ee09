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

    private static ReadIndexQueue queueOfThree() {
        ReadIndexQueue q = new ReadIndexQueue();
        q.add(5, new ReadIndexQueue.Request(1, FIRST));
        q.add(6, new ReadIndexQueue.Request(2, SECOND));
        q.add(7, new ReadIndexQueue.Request(1, THIRD));
        return q;
    }

    @Test
    void releasingOneRequestReleasesAllQueuedBeforeIt() {
        ReadIndexQueue q = queueOfThree();

        assertThat(q.releaseThrough(SECOND)).extracting(p -> p.request().context(), ReadIndexQueue.Pending::index)
                .containsExactly(tuple(FIRST, 5L), tuple(SECOND, 6L));
        assertThat(q.lastContext()).isEqualTo(THIRD);
        assertThat(q.releaseThrough(FIRST)).isEmpty();
    }

    @Test
    void acknowledgementsAreCollectedPerRequest() {
        ReadIndexQueue q = queueOfThree();

        q.acknowledge(1, SECOND);
        assertThat(q.acknowledge(3, SECOND)).containsOnlyKeys(1L, 3L);
        assertThat(q.acknowledge(3, bytes("unknown"))).isNull();
    }

    @Test
    void duplicateContextKeepsTheFirstRequest() {
        ReadIndexQueue q = new ReadIndexQueue();
        q.add(5, new ReadIndexQueue.Request(1, FIRST));
        q.add(9, new ReadIndexQueue.Request(2, FIRST));

        assertThat(q.releaseThrough(FIRST)).singleElement().satisfies(p -> {
            assertThat(p.index()).isEqualTo(5);
            assertThat(p.request().from()).isEqualTo(1);
        });
    }

    @Test
    void emptyQueueHasNoContext() {
        ReadIndexQueue q = queueOfThree();
        assertThat(new ReadIndexQueue().lastContext()).isEqualTo(ByteString.EMPTY);

        q.releaseThrough(THIRD);

        assertThat(q.lastContext()).isEqualTo(ByteString.EMPTY);
    }
}
