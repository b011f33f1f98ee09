package dev.berth.app.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.framework.api.EventRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class EventQueueTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private static EventRecord event(int i) {
        return new EventRecord("Pod", "default", "pod-" + i, "uid-" + i, "Normal", "Scheduled", "Binding",
                "Successfully assigned default/pod-" + i, "default-scheduler", Instant.EPOCH);
    }

    @Test
    void offerReturnsBeforeThePostAndEveryQueuedEventIsPostedByClose() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        List<String> posted = new CopyOnWriteArrayList<>();
        EventQueue queue = new EventQueue(100, 2, WAIT, e -> {
            await(release);
            posted.add(e.regardingName());
        });
        IntStream.range(0, 50).forEach(i -> queue.offer(event(i)));
        assertThat(posted).as("nothing posted while the API call hangs, yet offer returned").isEmpty();
        release.countDown();
        queue.close(Duration.ofSeconds(10));
        assertThat(posted).containsExactlyInAnyOrderElementsOf(IntStream.range(0, 50).mapToObj(i -> "pod-" + i).toList());
        assertThat(queue.dropped()).isZero();
    }

    @Test
    void aFullQueueHoldsTheCallerUntilThereIsRoomAndDropsNothing() throws Exception {
        HeldSender held = new HeldSender(1, WAIT);
        held.offerFirstAndHoldIt();
        held.queue.offer(event(1));
        CompletableFuture<Void> third = CompletableFuture.runAsync(() -> held.queue.offer(event(2)));
        assertThatThrownBy(() -> third.get(300, TimeUnit.MILLISECONDS)).as("no room: the caller waits")
                .isInstanceOf(TimeoutException.class);
        held.release.countDown();
        third.get(10, TimeUnit.SECONDS);
        held.queue.close(Duration.ofSeconds(10));
        assertThat(held.posted).containsExactly("pod-0", "pod-1", "pod-2");
        assertThat(held.queue.dropped()).isZero();
    }

    @Test
    void eventsThatFindNoRoomInTimeAreDroppedAndCounted() throws Exception {
        HeldSender held = new HeldSender(3, Duration.ofMillis(20));
        held.offerFirstAndHoldIt();
        IntStream.range(1, 8).forEach(i -> held.queue.offer(event(i)));
        held.release.countDown();
        held.queue.close(Duration.ofSeconds(10));
        assertThat(held.posted).containsExactly("pod-0", "pod-1", "pod-2", "pod-3");
        assertThat(held.queue.dropped()).isEqualTo(4);
    }

    @Test
    void aFailingPostDoesNotStopTheSender() {
        List<String> posted = new CopyOnWriteArrayList<>();
        EventQueue queue = new EventQueue(10, 1, WAIT, e -> {
            if (e.regardingName().equals("pod-0")) {
                throw new IllegalStateException("API down");
            }
            posted.add(e.regardingName());
        });
        queue.offer(event(0));
        queue.offer(event(1));
        queue.close(Duration.ofSeconds(10));
        assertThat(posted).containsExactly("pod-1");
    }

    @Test
    void eventsAfterCloseAreDroppedAndAPostOutlastingTheDrainIsCounted() {
        CountDownLatch never = new CountDownLatch(1);
        EventQueue queue = new EventQueue(10, 1, WAIT, e -> await(never));
        queue.offer(event(0));
        queue.offer(event(1));
        queue.close(Duration.ofMillis(200));
        queue.offer(event(2));
        assertThat(queue.dropped()).as("pod-1 never posted, pod-2 after close").isEqualTo(2);
    }

    @Test
    void rejectsAnEmptyQueueOrNoSenders() {
        assertThatThrownBy(() -> new EventQueue(0, 1, WAIT, e -> { })).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("capacity and senders");
        assertThatThrownBy(() -> new EventQueue(1, 0, WAIT, e -> { })).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("capacity and senders");
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A queue with one sender that, posting, waits until {@link #release} opens; what it posted, in order. */
    private static final class HeldSender {
        final CountDownLatch release = new CountDownLatch(1);
        final CountDownLatch busy = new CountDownLatch(1);
        final List<String> posted = new CopyOnWriteArrayList<>();
        final EventQueue queue;

        HeldSender(int capacity, Duration maxWait) {
            queue = new EventQueue(capacity, 1, maxWait, e -> {
                busy.countDown();
                await(release);
                posted.add(e.regardingName());
            });
        }

        /** Offers pod-0 and returns once the sender has taken it from the queue and waits in its post. */
        void offerFirstAndHoldIt() throws InterruptedException {
            queue.offer(event(0));
            assertThat(busy.await(10, TimeUnit.SECONDS)).isTrue();
        }
    }
}
