package dev.berth.store.mvcc;

import dev.berth.store.DirectoryTrees;
import dev.berth.store.server.LogReplay;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Checks that the MVCC backend a stopped member sealed on its last clean close holds exactly what a replay of that
 * member's own snapshot and WAL up to the sealed index produces: the same revisions, each with the same serialized
 * KeyValue byte for byte, and the same current and compacted revisions. The replay runs in a fresh store in a
 * scratch directory, deleted afterwards.
 *
 * <p>A backend that verifies is left as it was found: its seal is put back, so the member's next start still trusts
 * it (one that does not verify loses its seal, and the member's next start discards it as it would anyway). The
 * member must be stopped (the backend's and the WAL's directory locks are taken).
 */
public final class ReplayCheck {

    /** Differences listed in a report; the count covers all of them. */
    private static final int LISTED = 10;

    /** What the check found. */
    public sealed interface Result permits Equal, Differs, NotSealed {
    }

    /**
     * The backend equals the replay.
     *
     * @param consistentIndex the Raft index sealed with the backend
     * @param currentRevision the store's revision
     * @param revisions how many revisions both hold
     */
    public record Equal(long consistentIndex, long currentRevision, long revisions) implements Result {
    }

    /** The backend and the replay differ: {@code count} differences, the first few described. */
    public record Differs(long count, List<String> first) implements Result {
    }

    /** The backend was not sealed by a clean close (or no longer matches its seal), so there is nothing to compare. */
    public record NotSealed(String reason) implements Result {
    }

    private ReplayCheck() {
    }

    /**
     * Compares the backend of the member whose {@code --data-dir} is {@code dataDir}, laid out for {@code options},
     * with a replay of its log.
     *
     * @throws IllegalStateException if the log cannot be replayed to the sealed index: it ends before it, or a
     *     snapshot or entry is unreadable (the member itself would refuse to start)
     */
    public static Result check(Path dataDir, MvccOptions options) throws IOException {
        Path scratch = Files.createTempDirectory("berth-replay-check-");
        try (RevisionBackend member = RevisionBackend.open(dataDir.resolve("member").resolve("mvcc"), options)) {
            BackendRecovery.Outcome found = BackendRecovery.check(member);
            if (!(found instanceof BackendRecovery.Verified sealed)) {
                return new NotSealed(found instanceof BackendRecovery.Rejected rejected ? rejected.reason()
                        : "the backend is empty and unsealed");
            }
            try {
                replay(dataDir, scratch, options, sealed.seal().consistentIndex());
                try (RevisionBackend replayed = RevisionBackend.open(scratch, options)) {
                    BackendRecovery.Outcome outcome = BackendRecovery.check(replayed);
                    if (!(outcome instanceof BackendRecovery.Verified replayedSeal)) {
                        throw new IllegalStateException("the replay's own backend did not verify: " + outcome);
                    }
                    return compare(member, sealed.seal(), replayed, replayedSeal.seal());
                }
            } finally {
                member.seal(sealed.seal());
            }
        } finally {
            DirectoryTrees.delete(scratch);
        }
    }

    private static void replay(Path dataDir, Path scratch, MvccOptions options, long upTo) throws IOException {
        try (MvccStore store = MvccStore.open(scratch, options)) {
            // Puts must find their lease granted, as on the member; the minimum TTL only shapes the lease table,
            // never a stored revision.
            store.useLessor(LeaseListener.NONE, 1);
            LogReplay.into(store, dataDir, upTo);
        }
    }

    private static Result compare(RevisionBackend member, BackendSeal memberSeal, RevisionBackend replayed,
            BackendSeal replayedSeal) {
        Tally tally = new Tally();
        if (memberSeal.currentRevision() != replayedSeal.currentRevision()) {
            tally.differ("current revision " + memberSeal.currentRevision() + " in the backend, "
                    + replayedSeal.currentRevision() + " in the replay");
        }
        if (memberSeal.compactRevision() != replayedSeal.compactRevision()) {
            tally.differ("compacted revision " + memberSeal.compactRevision() + " in the backend, "
                    + replayedSeal.compactRevision() + " in the replay");
        }
        replayed.scan((key, value) -> {
            Revision revision = Revision.fromBytes(key);
            byte[] stored = member.get(revision);
            if (stored == null) {
                tally.differ("revision " + revision + " is missing from the backend");
            } else if (Arrays.equals(stored, value)) {
                tally.inBoth++;
            } else {
                tally.inBoth++;
                tally.differ("revision " + revision + " holds other bytes in the backend (" + stored.length
                        + " bytes, " + value.length + " in the replay)");
            }
        });
        long onlyInBackend = member.size() - tally.inBoth;
        if (onlyInBackend > 0) {
            tally.differ(onlyInBackend + " revision(s) in the backend are not in the replay");
        }
        return tally.differences == 0 ? new Equal(memberSeal.consistentIndex(), memberSeal.currentRevision(), tally.inBoth)
                : new Differs(tally.differences, List.copyOf(tally.listed));
    }

    /** Counts revisions found in both stores and differences, describing the first few. */
    private static final class Tally {
        final List<String> listed = new ArrayList<>();
        long differences;
        long inBoth;

        void differ(String difference) {
            differences++;
            if (listed.size() < LISTED) {
                listed.add(difference);
            }
        }
    }
}
