package dev.berth.store.lease;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import dev.berth.store.etcd.pb.LeaseGrantResponse;
import dev.berth.store.etcd.pb.LeaseRevokeResponse;
import dev.berth.store.etcd.pb.PutRequest;
import dev.berth.store.etcd.pb.PutResponse;
import dev.berth.store.etcd.pb.RangeRequest;
import dev.berth.store.mvcc.EtcdError;
import dev.berth.store.mvcc.Lease;
import dev.berth.store.mvcc.LeaseListener;
import dev.berth.store.mvcc.MvccException;
import dev.berth.store.mvcc.MvccOptions;
import dev.berth.store.mvcc.MvccStore;
import dev.berth.store.mvcc.pb.InternalRequest;
import dev.berth.store.mvcc.pb.LeaseCheckpoint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import dev.berth.store.etcd.pb.LeaseKeepAliveResponse;
import dev.berth.store.mvcc.pb.LeaseCheckpoint;
import org.junit.jupiter.api.io.TempDir;

/** The replicated lease table inside the MVCC store: grants, attachments, revokes, snapshots and restarts. */
class LeaseStoreTest {

    private static final MvccOptions OPTIONS = new MvccOptions(4_096, 64, 32 << 10);

    @TempDir
    Path dir;

    private MvccStore store;
    private long index;
    private static final LeaseSettings SETTINGS =
            new LeaseSettings(2, Duration.ZERO, Duration.ofMinutes(5), Duration.ofMillis(500));

    private final Lessor lessor = new Lessor(() -> 0L, SETTINGS);

    @BeforeEach
    void open() throws IOException {
        store = MvccStore.open(dir.resolve("a"), OPTIONS);
        store.useLessor(lessor, 2);
        index = store.recoveredIndex();
    }

    @AfterEach
    void close() throws IOException {
        store.close();
    }

    private Object apply(ByteString command) {
        return store.apply(++index, command);
    }

    private PutResponse put(String key, long lease) {
        return (PutResponse) apply(InternalRequest.newBuilder().setPut(PutRequest.newBuilder()
                .setKey(ByteString.copyFromUtf8(key)).setValue(ByteString.copyFromUtf8("v")).setLease(lease))
                .build().toByteString());
    }

    private long count() {
        ByteString all = ByteString.copyFrom(new byte[] {0});
        return store.range(RangeRequest.newBuilder().setKey(all).setRangeEnd(all).build()).getCount();
    }

    @Test
    void grantRaisesTheTtlToTheMinimumAndRefusesADuplicateId() {
        LeaseGrantResponse granted = (LeaseGrantResponse) apply(LeaseCommands.grant(7, 1));
        assertThat(granted.getID()).isEqualTo(7);
        assertThat(granted.getTTL()).isEqualTo(2);
        assertThat(store.leases()).containsExactly(new Lease(7, 2, 0));
        assertThatThrownBy(() -> apply(LeaseCommands.grant(7, 10)))
                .isInstanceOfSatisfying(MvccException.class, e -> assertThat(e.error()).isEqualTo(EtcdError.LEASE_EXISTS));
    }

    @Test
    void aRenewalThroughTheLogRunsTheLeaseForItsFullTtlOnThePrimaryAndClearsItsCheckpoint() throws IOException {
        AtomicLong nanos = new AtomicLong();
        Lessor primary = new Lessor(nanos::get, SETTINGS);
        try (MvccStore leader = MvccStore.open(dir.resolve("leader"), OPTIONS)) {
            leader.useLessor(primary, 2);
            primary.promote(Duration.ZERO);
            long i = leader.recoveredIndex();
            leader.apply(++i, LeaseCommands.grant(7, 10));
            leader.apply(++i, LeaseCommands.checkpoint(List.of(
                    LeaseCheckpoint.newBuilder().setID(7).setRemainingTTL(4).build())));
            nanos.set(TimeUnit.SECONDS.toNanos(8));

            LeaseKeepAliveResponse renewed = (LeaseKeepAliveResponse) leader.apply(++i, LeaseCommands.renew(7));
            LeaseKeepAliveResponse unknown = (LeaseKeepAliveResponse) leader.apply(++i, LeaseCommands.renew(99));

            assertThat(renewed.getTTL()).isEqualTo(10);
            assertThat(unknown.getTTL()).isZero();
            assertThat(primary.remaining(7)).get().extracting(Lessor.Remaining::ttlSeconds).isEqualTo(10L);
            assertThat(leader.leases()).containsExactly(new Lease(7, 10, 0));
        }
    }

    @Test
    void aPutWithAnUnknownLeaseIsRefused() {
        assertThatThrownBy(() -> put("k", 99))
                .isInstanceOfSatisfying(MvccException.class, e -> assertThat(e.error()).isEqualTo(EtcdError.LEASE_NOT_FOUND));
        assertThat(EtcdError.LEASE_NOT_FOUND.message()).isEqualTo("etcdserver: requested lease not found");
    }

    @Test
    void revokeDeletesEveryAttachedKeyInOneRevision() {
        apply(LeaseCommands.grant(1, 60));
        apply(LeaseCommands.grant(2, 60));
        put("a", 1);
        put("b", 1);
        put("c", 2);
        put("d", 0);
        put("b", 2);
        assertThat(store.leaseKeys(1)).containsExactly(ByteString.copyFromUtf8("a"));
        assertThat(store.leaseKeys(2)).containsExactly(ByteString.copyFromUtf8("b"), ByteString.copyFromUtf8("c"));
        long before = store.currentRevision();

        LeaseRevokeResponse revoked = (LeaseRevokeResponse) apply(LeaseCommands.revoke(2));

        assertThat(store.currentRevision()).isEqualTo(before + 1);
        assertThat(revoked.getHeader().getRevision()).isEqualTo(before + 1);
        assertThat(count()).isEqualTo(2);
        assertThat(store.leases()).extracting(Lease::id).containsExactly(1L);
        assertThat(lessor.remaining(2)).isEmpty();
        assertThatThrownBy(() -> apply(LeaseCommands.revoke(2)))
                .isInstanceOfSatisfying(MvccException.class, e -> assertThat(e.error()).isEqualTo(EtcdError.LEASE_NOT_FOUND));
    }

    @Test
    void revokingALeaseWithoutKeysKeepsTheRevision() {
        apply(LeaseCommands.grant(1, 60));
        long before = store.currentRevision();
        apply(LeaseCommands.revoke(1));
        assertThat(store.currentRevision()).isEqualTo(before);
    }

    @Test
    void checkpointsRecordTheRemainingTtl() {
        apply(LeaseCommands.grant(1, 60));
        apply(LeaseCommands.checkpoint(List.of(LeaseCheckpoint.newBuilder().setID(1).setRemainingTTL(25).build(),
                LeaseCheckpoint.newBuilder().setID(404).setRemainingTTL(5).build())));
        assertThat(store.leases()).containsExactly(new Lease(1, 60, 25));
    }

    @Test
    void aSnapshotRoundTripKeepsLeasesAndAttachments() throws IOException {
        apply(LeaseCommands.grant(1, 60));
        apply(LeaseCommands.checkpoint(List.of(LeaseCheckpoint.newBuilder().setID(1).setRemainingTTL(25).build())));
        put("a", 1);
        ByteString snapshot = store.snapshot();

        Lessor other = new Lessor(() -> 0L, SETTINGS);
        try (MvccStore restored = MvccStore.open(dir.resolve("b"), OPTIONS)) {
            restored.useLessor(other, 2);
            restored.restore(index, snapshot);
            assertThat(restored.leases()).containsExactly(new Lease(1, 60, 25));
            assertThat(restored.leaseKeys(1)).containsExactly(ByteString.copyFromUtf8("a"));
            assertThat(other.remaining(1)).isPresent();
            try (MvccStore empty = MvccStore.open(dir.resolve("c"), OPTIONS)) {
                restored.restore(index, empty.snapshot());
            }
            assertThat(restored.leases()).isEmpty();
            assertThat(other.remaining(1)).isEmpty();
        }
    }

    @Test
    void aCleanRestartKeepsLeases() throws IOException {
        apply(LeaseCommands.grant(1, 60));
        put("a", 1);
        store.close();
        store = MvccStore.open(dir.resolve("a"), OPTIONS);
        assertThat(store.recoveredIndex()).isEqualTo(index);
        List<Lease> heard = new ArrayList<>();
        store.useLessor(new LeaseListener() {
            @Override
            public void granted(Lease lease) {
            }

            @Override
            public void revoked(long id) {
            }

            @Override
            public void renewed(Lease lease) {
            }

            @Override
            public void replaced(Collection<Lease> leases) {
                heard.addAll(leases);
            }
        }, 2);
        assertThat(heard).containsExactly(new Lease(1, 60, 0));
        assertThat(store.leaseKeys(1)).containsExactly(ByteString.copyFromUtf8("a"));
    }

    @Test
    void aBackendSealedWithoutItsLeaseTableIsRebuiltFromRaft() throws IOException {
        apply(LeaseCommands.grant(1, 60));
        store.close();
        Files.delete(dir.resolve("a").resolve("leases.pb"));
        store = MvccStore.open(dir.resolve("a"), OPTIONS);
        assertThat(store.recoveredIndex()).isZero();
        assertThat(store.leases()).isEmpty();
    }
}
