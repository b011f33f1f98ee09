package dev.berth.app.cluster;

import dev.berth.framework.api.EventRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts the scheduler's events off the thread that records them, as client-go's event broadcaster does: a binding
 * cycle hands its "Scheduled" event over and goes on, instead of holding a binder for one more API write. Events wait
 * in a bounded queue and a few sender threads post them. Where the broadcaster drops an event at once when its queue
 * is full ({@code DropIfChannelFull}), the caller here waits up to {@code maxWait} for room first: a scheduler whose
 * API writes fall behind slows down rather than skips its events (a benchmark must not gain by losing them). Only an
 * event that still finds no room is dropped, counted and logged once.
 */
final class EventQueue implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EventQueue.class);
    /** client-go's {@code maxQueuedEvents}. */
    static final int DEFAULT_CAPACITY = 1000;
    /**
     * client-go posts from one goroutine against an API server that writes an event in about a millisecond; a write
     * through the shim waits for a Raft commit (about 15 ms on this 2-core machine under load), so several post side
     * by side to keep up with the binding rate. Four capped events at about 250/s: in an 8,000-pod full-stack run
     * every binder waited for room in the queue and the attempt p50 grew to 7.5 s (60 ms with sixteen).
     */
    static final int DEFAULT_SENDERS = 16;
    static final Duration DEFAULT_MAX_WAIT = Duration.ofSeconds(10);

    private final BlockingQueue<EventRecord> queue;
    private final Consumer<EventRecord> post;
    private final Duration maxWait;
    private final List<Thread> senders = new ArrayList<>();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicBoolean closed = new AtomicBoolean();

    /**
     * @param maxWait how long {@link #offer} waits for room in a full queue
     * @param post sends one event to the API; it handles its own failures (an event is best effort)
     */
    EventQueue(int capacity, int senderCount, Duration maxWait, Consumer<EventRecord> post) {
        if (capacity < 1 || senderCount < 1) {
            throw new IllegalArgumentException("capacity and senders must be at least 1, got " + capacity + " and "
                    + senderCount);
        }
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.post = post;
        this.maxWait = maxWait;
        for (int i = 1; i <= senderCount; i++) {
            Thread sender = new Thread(this::send, "berth-events-" + i);
            sender.setDaemon(true);
            sender.start();
            senders.add(sender);
        }
    }

    /** Queues {@code event} for posting, waiting for room while the queue is full; drops it once closed. */
    void offer(EventRecord event) {
        if (closed.get() || !enqueue(event)) {
            if (dropped.getAndIncrement() == 0) {
                LOG.warn("the scheduler's event queue stayed full for {} ms or is closed: event {} for {}/{} and any "
                        + "more that find no room are dropped", maxWait.toMillis(), event.reason(),
                        event.regardingNamespace(), event.regardingName());
            }
        }
    }

    private boolean enqueue(EventRecord event) {
        try {
            return queue.offer(event, maxWait.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Events dropped so far. */
    long dropped() {
        return dropped.get();
    }

    /** Posts what is queued for at most {@code drain}, then stops the senders; later events are dropped. */
    void close(Duration drain) {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        long deadline = System.nanoTime() + drain.toNanos();
        for (Thread sender : senders) {
            try {
                sender.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        senders.forEach(Thread::interrupt);
        List<EventRecord> unsent = new ArrayList<>();
        queue.drainTo(unsent);
        if (!unsent.isEmpty()) {
            dropped.addAndGet(unsent.size());
            LOG.warn("{} queued events were not posted within {} ms of closing", unsent.size(), drain.toMillis());
        }
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(5));
    }

    private void send() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                EventRecord event = closed.get() ? queue.poll() : queue.poll(100, TimeUnit.MILLISECONDS);
                if (event != null) {
                    postQuietly(event);
                } else if (closed.get()) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One event; a failure must not end the sender that other events wait for. */
    private void postQuietly(EventRecord event) {
        try {
            post.accept(event);
        } catch (RuntimeException e) {
            LOG.debug("event {} for {}/{} was not posted: {}", event.reason(), event.regardingNamespace(),
                    event.regardingName(), e.toString());
        }
    }
}
