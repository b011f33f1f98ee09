package dev.berth.store.lease;

import com.google.protobuf.ByteString;
import dev.berth.store.mvcc.pb.LeaseCheckpoint;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives a member's {@link Lessor} from its Raft role, as etcd's run loop does: promotes it when this member
 * becomes leader and demotes it when it stops leading, and on the leader proposes the revoke of each expired lease
 * and the due checkpoints. Call {@link #tick()} periodically from one thread.
 */
public final class LessorLoop {

    private static final Logger LOG = LoggerFactory.getLogger(LessorLoop.class);

    private final Lessor lessor;
    private final LeaseSettings settings;
    private final BooleanSupplier leading;
    private final Function<ByteString, CompletableFuture<Object>> propose;

    public LessorLoop(Lessor lessor, LeaseSettings settings, BooleanSupplier leading,
            Function<ByteString, CompletableFuture<Object>> propose) {
        this.lessor = lessor;
        this.settings = settings;
        this.leading = leading;
        this.propose = propose;
    }

    public void tick() {
        boolean leader = leading.getAsBoolean();
        if (leader && !lessor.isPrimary()) {
            lessor.promote(settings.promotionExtension());
            LOG.info("lessor promoted: leases resume from their checkpointed remaining TTL plus {}",
                    settings.promotionExtension());
        } else if (!leader && lessor.isPrimary()) {
            lessor.demote();
            LOG.info("lessor demoted: leases no longer expire on this member");
        }
        for (long id : lessor.takeExpired()) {
            propose.apply(LeaseCommands.revoke(id)).whenComplete((answer, failure) -> {
                if (failure != null) {
                    lessor.revokeFailed(id);
                    LOG.debug("revoking expired lease {} failed, retrying: {}", id, failure.toString());
                }
            });
        }
        List<LeaseCheckpoint> checkpoints = lessor.takeDueCheckpoints();
        if (!checkpoints.isEmpty()) {
            propose.apply(LeaseCommands.checkpoint(checkpoints)).whenComplete((answer, failure) -> {
                if (failure != null) {
                    LOG.debug("checkpointing {} leases failed: {}", checkpoints.size(), failure.toString());
                }
            });
        }
    }
}
