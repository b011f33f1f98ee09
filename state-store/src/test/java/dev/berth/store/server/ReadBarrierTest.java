package dev.berth.store.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import dev.berth.store.raft.ProposalDroppedException;
import dev.berth.store.raft.ReadState;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class ReadBarrierTest {
    private final ReadBarrier reads = new ReadBarrier();
    private final List<ByteString> sent = new ArrayList<>();
    private final Consumer<ByteString> readIndex = sent::add;

    private CompletableFuture<Long> read() {
        CompletableFuture<Long> read = new CompletableFuture<>();
        reads.add(read);
        return read;
    }

    @Test
    void readsArrivingWhileARequestIsUnansweredShareTheNextOne() {
        CompletableFuture<Long> first = read();
        reads.flush(readIndex, 5);
        CompletableFuture<Long> second = read();
        CompletableFuture<Long> third = read();
        reads.flush(readIndex, 5);
        assertThat(sent).hasSize(1);

        reads.onReadState(new ReadState(40, sent.get(0)), 40);
        assertThat(first).isCompletedWithValue(40L);
        reads.flush(readIndex, 5);

        assertThat(sent).hasSize(2);
        reads.onReadState(new ReadState(42, sent.get(1)), 42);
        assertThat(second).isCompletedWithValue(42L);
        assertThat(third).isCompletedWithValue(42L);
    }

    @Test
    void aRequestUnansweredSinceAnEarlierTickNoLongerHoldsTheNextBack() {
        read();
        reads.flush(readIndex, 5);
        CompletableFuture<Long> later = read();
        reads.flush(readIndex, 6);

        assertThat(sent).hasSize(2);
        reads.onReadState(new ReadState(7, sent.get(1)), 7);
        assertThat(later).isCompletedWithValue(7L);
    }

    @Test
    void aConfirmedIndexNotYetAppliedWaitsForTheApply() {
        CompletableFuture<Long> read = read();
        reads.flush(readIndex, 1);
        reads.onReadState(new ReadState(9, sent.get(0)), 8);
        assertThat(read).isNotDone();

        reads.onApplied(9);
        assertThat(read).isCompletedWithValue(9L);
    }

    @Test
    void withNoLeaderTheBatchFailsAsUnavailableAndTheNextIsStillSent() {
        CompletableFuture<Long> read = read();
        reads.flush(context -> {
            throw new ProposalDroppedException("no leader");
        }, 1);
        assertThat(read).isCompletedExceptionally();

        read();
        reads.flush(readIndex, 1);
        assertThat(sent).hasSize(1);
    }
}
