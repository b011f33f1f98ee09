package dev.berth.store.server;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.berth.store.raft.pb.Entry;
import dev.berth.store.raft.pb.EntryType;
import dev.berth.store.raft.pb.Snapshot;
import dev.berth.store.raft.pb.SnapshotMetadata;
import dev.berth.store.server.pb.Command;
import dev.berth.store.server.pb.StoreSnapshot;
import dev.berth.store.wal.SnapshotFiles;
import dev.berth.store.wal.Wal;
import dev.berth.store.wal.WalOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Rebuilds a stopped member's state machine from its own disk, as a restart without a trusted backend does: the
 * newest snapshot, then the commands of the WAL after it, each applied at most once per proposer (the member's
 * rule), membership changes and published attributes left out as the member keeps them outside the state machine.
 * A check of what the member's backend holds compares against this; it is not the member's restart path.
 *
 * <p>Opening the WAL cuts off a write torn by a crash, as the member's next start would; the member must be
 * stopped (the WAL's directory lock is taken).
 */
public final class LogReplay {

    /**
     * What was replayed.
     *
     * @param snapshotIndex the index of the snapshot restored, 0 if there was none
     * @param lastApplied the index of the last entry handed to the state machine or skipped, the snapshot's if none
     * @param walLastIndex the last index the WAL holds
     */
    public record Replayed(long snapshotIndex, long lastApplied, long walLastIndex) {
    }

    private LogReplay() {
    }

    /**
     * Restores the newest snapshot of the member in {@code dataDir} into {@code stateMachine} and applies the WAL's
     * commands up to index {@code upTo}.
     *
     * @throws IllegalStateException if the WAL ends before {@code upTo}, or a snapshot or entry is unreadable
     */
    public static Replayed into(StateMachine stateMachine, Path dataDir, long upTo) throws IOException {
        Optional<Snapshot> snapshot = SnapshotFiles.open(StoreNodeConfig.snapDir(dataDir), false).loadNewest();
        SnapshotMetadata from = snapshot.map(Snapshot::getMetadata).orElse(SnapshotMetadata.getDefaultInstance());
        List<Entry> entries;
        long walLastIndex;
        try (Wal wal = Wal.open(StoreNodeConfig.walDir(dataDir), from, WalOptions.defaults())) {
            entries = wal.replay().entries();
            walLastIndex = wal.replay().lastIndex();
        }
        if (walLastIndex < upTo) {
            throw new IllegalStateException("the WAL of " + dataDir + " ends at index " + walLastIndex
                    + ", before index " + upTo + " to replay to");
        }
        AtMostOnce requests = new AtMostOnce();
        if (snapshot.isPresent()) {
            StoreSnapshot data = parse(snapshot.get());
            requests.replaceWith(data.getAppliedRequestIdsMap());
            stateMachine.restore(from.getIndex(), data.getState());
        }
        long last = from.getIndex();
        for (Entry e : entries) {
            if (e.getIndex() > upTo) {
                break;
            }
            if (e.getType() == EntryType.ENTRY_NORMAL && !e.getData().isEmpty()) {
                apply(stateMachine, e, requests);
            }
            last = e.getIndex();
        }
        return new Replayed(from.getIndex(), last, walLastIndex);
    }

    private static void apply(StateMachine stateMachine, Entry e, AtMostOnce requests) {
        Command command;
        try {
            command = Command.parseFrom(e.getData());
        } catch (InvalidProtocolBufferException bad) {
            throw new IllegalStateException("log entry " + e.getIndex() + " is unreadable: " + bad.getMessage(), bad);
        }
        if (!requests.admit(command.getProposer(), command.getRequestId()) || command.hasAttributes()) {
            return;
        }
        try {
            stateMachine.apply(e.getIndex(), command.getPayload());
        } catch (RejectedCommandException refusedAlikeOnEveryMember) {
            // The member refused it too, and a refusal changes nothing in the state.
        }
    }

    private static StoreSnapshot parse(Snapshot snapshot) {
        try {
            return StoreSnapshot.parseFrom(snapshot.getData());
        } catch (InvalidProtocolBufferException bad) {
            throw new IllegalStateException("snapshot at index " + snapshot.getMetadata().getIndex() + " is unreadable: "
                    + bad.getMessage(), bad);
        }
    }
}
