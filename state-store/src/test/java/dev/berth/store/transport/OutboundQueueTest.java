package dev.berth.store.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;

class OutboundQueueTest {

    private static Buffer bytes(int length, int fill) {
        Buffer buffer = Buffer.buffer(length);
        for (int i = 0; i < length; i++) {
            buffer.appendByte((byte) fill);
        }
        return buffer;
    }

    @Test
    void refusesFramesBeyondTheMessageBound() {
        OutboundQueue queue = new OutboundQueue(2, 1000);

        assertThat(queue.offer(bytes(10, 1))).isTrue();
        assertThat(queue.offer(bytes(10, 2))).isTrue();
        assertThat(queue.offer(bytes(10, 3))).isFalse();
        assertThat(queue.size()).isEqualTo(2);
        assertThat(queue.bytes()).isEqualTo(20);
    }

    @Test
    void refusesFramesBeyondTheByteBoundButTakesSmallerOnes() {
        OutboundQueue queue = new OutboundQueue(100, 100);

        assertThat(queue.offer(bytes(60, 1))).isTrue();
        assertThat(queue.offer(bytes(50, 2))).isFalse();
        assertThat(queue.offer(bytes(40, 3))).isTrue();
        assertThat(queue.bytes()).isEqualTo(100);
    }

    @Test
    void batchesInOrderWithinTheByteLimitButAlwaysTakesOneFrame() {
        OutboundQueue queue = new OutboundQueue(100, 10_000);
        queue.offer(bytes(500, 1));
        queue.offer(bytes(30, 2));
        queue.offer(bytes(30, 3));
        queue.offer(bytes(50, 4));

        assertThat(queue.pollBatch(100)).extracting(b -> b.getByte(0)).containsExactly((byte) 1);
        assertThat(queue.pollBatch(100)).extracting(b -> b.getByte(0)).containsExactly((byte) 2, (byte) 3);
        assertThat(queue.pollBatch(100)).extracting(b -> b.getByte(0)).containsExactly((byte) 4);
        assertThat(queue.pollBatch(100)).isEmpty();
        assertThat(queue.bytes()).isZero();
    }

    @Test
    void closingDiscardsEverythingAndRefusesMore() {
        OutboundQueue queue = new OutboundQueue(100, 10_000);
        queue.offer(bytes(10, 1));
        queue.offer(bytes(10, 2));

        assertThat(queue.close()).isEqualTo(2);
        assertThat(queue.offer(bytes(10, 3))).isFalse();
        assertThat(queue.pollBatch(100)).isEmpty();
        assertThat(queue.bytes()).isZero();
    }
}
