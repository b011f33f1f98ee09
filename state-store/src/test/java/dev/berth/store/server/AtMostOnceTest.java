package dev.berth.store.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** A command applies only if its request id is above its proposer's watermark, which a snapshot may set. */
class AtMostOnceTest {

    @Test
    void admitsEachProposersRequestsOnceAndInOrder() {
        AtMostOnce requests = new AtMostOnce();

        assertThat(requests.admit(1, 1)).isTrue();
        assertThat(requests.admit(1, 1)).as("a duplicate").isFalse();
        assertThat(requests.admit(1, 3)).isTrue();
        assertThat(requests.admit(1, 2)).as("overtaken by a newer request of its proposer").isFalse();
        assertThat(requests.admit(2, 1)).as("another proposer has its own watermark").isTrue();
    }

    @Test
    void startsFromTheWatermarksASnapshotCarried() {
        AtMostOnce requests = new AtMostOnce();
        requests.admit(9, 100);

        requests.replaceWith(Map.of(1L, 5L));

        assertThat(requests.admit(1, 5)).isFalse();
        assertThat(requests.admit(1, 6)).isTrue();
        assertThat(requests.admit(9, 1)).as("watermarks before the snapshot are gone").isTrue();
    }
}
