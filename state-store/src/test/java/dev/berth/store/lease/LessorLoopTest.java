package dev.berth.store.lease;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.berth.store.mvcc.Lease;
import dev.berth.store.mvcc.pb.InternalRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LessorLoopTest {

    private static final LeaseSettings SETTINGS =
            new LeaseSettings(2, Duration.ofSeconds(1), Duration.ofSeconds(60), Duration.ofMillis(500));

    private long now;
    private boolean leading;
    private final List<InternalRequest> proposed = new ArrayList<>();
    private CompletableFuture<Object> answer = CompletableFuture.completedFuture(null);
    private final Lessor lessor = new Lessor(() -> now, SETTINGS);
    private final LessorLoop loop = new LessorLoop(lessor, SETTINGS, () -> leading, this::propose);

    private CompletableFuture<Object> propose(ByteString command) {
        try {
            proposed.add(InternalRequest.parseFrom(command));
        } catch (InvalidProtocolBufferException e) {
            throw new AssertionError(e);
        }
        return answer;
    }

    private void advance(long seconds) {
        now += TimeUnit.SECONDS.toNanos(seconds);
    }

    @Test
    void aFollowerNeverProposesARevoke() {
        lessor.granted(new Lease(1, 5, 0));
        advance(3_600);
        loop.tick();
        assertThat(proposed).isEmpty();
        assertThat(lessor.isPrimary()).isFalse();
    }

    @Test
    void theLeaderRevokesExpiredLeasesAfterTheElectionTimeoutExtension() {
        lessor.granted(new Lease(1, 5, 0));
        leading = true;
        loop.tick();
        assertThat(lessor.isPrimary()).isTrue();
        advance(5);
        loop.tick();
        assertThat(proposed).as("promotion added the election timeout").isEmpty();
        advance(1);
        loop.tick();
        assertThat(proposed).extracting(r -> r.getLeaseRevoke().getID()).containsExactly(1L);
        loop.tick();
        assertThat(proposed).as("one revoke in flight").hasSize(1);
    }

    @Test
    void aFailedRevokeIsProposedAgain() {
        answer = CompletableFuture.failedFuture(new IllegalStateException("dropped"));
        leading = true;
        loop.tick();
        lessor.granted(new Lease(1, 5, 0));
        advance(5);
        loop.tick();
        loop.tick();
        assertThat(proposed).extracting(r -> r.getLeaseRevoke().getID()).containsExactly(1L, 1L);
    }

    @Test
    void losingLeadershipDemotesAndTheLeaderCheckpoints() {
        leading = true;
        loop.tick();
        lessor.granted(new Lease(1, 600, 0));
        advance(60);
        loop.tick();
        assertThat(proposed).extracting(r -> r.getLeaseCheckpoint().getCheckpoints(0).getRemainingTTL())
                .containsExactly(540L);
        leading = false;
        loop.tick();
        assertThat(lessor.isPrimary()).isFalse();
    }
}
