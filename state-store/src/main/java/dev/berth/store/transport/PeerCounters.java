package dev.berth.store.transport;

import java.util.concurrent.atomic.LongAdder;

/**
 * The running totals behind {@link PeerStats}: updated from senders' threads and event loops at once,
 * so they are adders rather than fields under a lock.
 */
final class PeerCounters {

    private final LongAdder sent = new LongAdder();
    private final LongAdder dropped = new LongAdder();
    private final LongAdder received = new LongAdder();

    void sent(int messages) {
        sent.add(messages);
    }

    void dropped(int messages) {
        dropped.add(messages);
    }

    void received() {
        received.increment();
    }

    PeerStats snapshot(long peerId, int queuedMessages, long queuedBytes) {
        return new PeerStats(peerId, sent.sum(), dropped.sum(), received.sum(), queuedMessages, queuedBytes);
    }
}
