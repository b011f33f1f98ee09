package dev.berth.store.lease;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.store.mvcc.Lease;
import dev.berth.store.mvcc.pb.LeaseCheckpoint;
import dev.berth.store.server.StoreNodeConfig;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LessorTest {

    private static final LeaseSettings SETTINGS =
            new LeaseSettings(2, Duration.ofSeconds(1), Duration.ofSeconds(60), Duration.ofMillis(500));

    private long now = TimeUnit.HOURS.toNanos(1);
    private final Lessor lessor = new Lessor(() -> now, SETTINGS);

    private void advance(long seconds) {
        now += TimeUnit.SECONDS.toNanos(seconds);
    }

    @Test
    void aPrimaryLessorExpiresALeaseAfterItsTtl() {
        lessor.promote(Duration.ZERO);
        lessor.granted(new Lease(1, 10, 0));
        advance(9);
        assertThat(lessor.takeExpired()).isEmpty();
        assertThat(lessor.remaining(1)).hasValueSatisfying(r -> assertThat(r.ttlSeconds()).isEqualTo(1));
        advance(1);
        assertThat(lessor.takeExpired()).containsExactly(1L);
        assertThat(lessor.takeExpired()).as("handed out once").isEmpty();
        lessor.revokeFailed(1);
        assertThat(lessor.takeExpired()).as("again after a failed revoke").containsExactly(1L);
        lessor.revoked(1);
        assertThat(lessor.remaining(1)).isEmpty();
    }

    @Test
    void renewRestartsTheFullTtl() {
        lessor.promote(Duration.ZERO);
        lessor.granted(new Lease(1, 10, 0));
        advance(8);
        assertThat(lessor.renew(1)).isEqualTo(new Renewal.Renewed(10, false));
        advance(8);
        assertThat(lessor.takeExpired()).isEmpty();
        advance(2);
        assertThat(lessor.takeExpired()).containsExactly(1L);
        assertThat(lessor.renew(1)).as("an expired lease awaits its revoke").isEqualTo(new Renewal.NotFound());
        assertThat(lessor.renew(99)).isEqualTo(new Renewal.NotFound());
    }

    @Test
    void followersNeverExpireNorRenew() {
        lessor.granted(new Lease(1, 10, 0));
        advance(1_000);
        assertThat(lessor.takeExpired()).isEmpty();
        assertThat(lessor.takeDueCheckpoints()).isEmpty();
        assertThat(lessor.renew(1)).isEqualTo(new Renewal.NotLeader());
    }

    @Test
    void demotionStopsExpiry() {
        lessor.promote(Duration.ZERO);
        lessor.granted(new Lease(1, 10, 0));
        lessor.demote();
        advance(100);
        assertThat(lessor.takeExpired()).isEmpty();
    }

    @Test
    void promotionExtendsEveryLeaseFromItsCheckpointedRemainingTtl() {
        lessor.granted(new Lease(1, 100, 0));
        lessor.granted(new Lease(2, 100, 30));
        advance(500);
        lessor.promote(Duration.ofSeconds(1));
        assertThat(lessor.remaining(1)).hasValueSatisfying(r -> assertThat(r.ttlSeconds()).isEqualTo(101));
        assertThat(lessor.remaining(2)).hasValueSatisfying(r -> assertThat(r.ttlSeconds()).isEqualTo(31));
        advance(31);
        assertThat(lessor.takeExpired()).containsExactly(2L);
    }

    @Test
    void checkpointsCarryTheRemainingTtlToTheNextLeader() {
        lessor.promote(Duration.ZERO);
        lessor.granted(new Lease(1, 300, 0));
        lessor.granted(new Lease(2, 10, 0));
        advance(59);
        assertThat(lessor.takeDueCheckpoints()).as("not due yet").isEmpty();
        advance(1);
        List<LeaseCheckpoint> due = lessor.takeDueCheckpoints();
        assertThat(due).containsExactly(LeaseCheckpoint.newBuilder().setID(1).setRemainingTTL(240).build());
        assertThat(lessor.takeDueCheckpoints()).as("next one an interval later").isEmpty();

        Lessor next = new Lessor(() -> now, SETTINGS);
        next.replaced(List.of(new Lease(1, 300, 0)));
        next.granted(new Lease(1, 300, 240));
        next.promote(Duration.ofSeconds(1));
        assertThat(next.remaining(1)).hasValueSatisfying(r -> assertThat(r.ttlSeconds()).isEqualTo(241));
    }

    @Test
    void renewingACheckpointedLeaseAsksToClearTheCheckpoint() {
        lessor.granted(new Lease(1, 300, 240));
        lessor.promote(Duration.ZERO);
        assertThat(lessor.renew(1)).isEqualTo(new Renewal.Renewed(300, true));
    }

    @Test
    void aRestoredTableRunsFromTheRemainingTtlOnThePrimary() {
        lessor.promote(Duration.ZERO);
        lessor.replaced(List.of(new Lease(1, 300, 20), new Lease(2, 5, 0)));
        advance(5);
        assertThat(lessor.takeExpired()).containsExactly(2L);
        advance(15);
        assertThat(lessor.takeExpired()).containsExactly(1L);
    }

    @Test
    void leaseIdsArePositiveDistinctAndCarryTheMemberId() {
        LeaseIds ids = new LeaseIds(0xABCD_1234L, 1_700_000_000_000L);
        long first = ids.next();
        long second = ids.next();
        assertThat(first).isPositive();
        assertThat(second).isEqualTo(first + 1);
        assertThat(first >>> 48).isEqualTo(0x1234L);
    }

    @Test
    void theMinimumTtlFollowsEtcd() {
        URI peer = URI.create("http://127.0.0.1:2380");
        StoreNodeConfig config = StoreNodeConfig.of("a", Path.of("unused"), peer, Map.of("a", peer));
        LeaseSettings settings = LeaseSettings.of(config, LeaseSettings.DEFAULT_CHECKPOINT_INTERVAL);
        assertThat(settings.minTtlSeconds()).as("ceil(15 ticks of 100 ms)").isEqualTo(2);
        assertThat(settings.promotionExtension()).isEqualTo(Duration.ofSeconds(1));
    }
}
