package dev.berth.store.mvcc;

import com.google.protobuf.InvalidProtocolBufferException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Decides, when a store opens, whether its backend file holds exactly the state a clean close sealed, and reads
 * what rebuilding the key index needs. Anything less (no seal, a damaged seal, an entry that does not parse, a
 * checksum that does not match) is rejected: the store then starts empty and Raft restores it from its snapshot
 * and log, which are what make writes durable.
 */
final class BackendRecovery {

    private BackendRecovery() {
    }

    /** What opening found. */
    sealed interface Outcome permits Verified, Rejected, Empty {
    }

    /** The sealed state, its entries in ascending revision order. */
    record Verified(BackendSeal seal, List<KvStore.BackendEntry> entries) implements Outcome {
    }

    /** A backend that cannot be trusted, and why. */
    record Rejected(String reason) implements Outcome {
    }

    /** A new backend: nothing to recover. */
    record Empty() implements Outcome {
    }

    /** Takes the seal out of {@code backend} and checks the entries against it. */
    static Outcome check(RevisionBackend backend) {
        Optional<byte[]> sealBytes = backend.takeSeal();
        if (sealBytes.isEmpty()) {
            return backend.size() == 0 ? new Empty()
                    : new Rejected("it holds no seal: the last run did not close the store cleanly");
        }
        Optional<BackendSeal> decoded = BackendSeal.decode(sealBytes.get());
        if (decoded.isEmpty()) {
            return new Rejected("its seal is damaged");
        }
        BackendSeal seal = decoded.get();
        List<KvStore.BackendEntry> entries = new ArrayList<>();
        List<String> problems = new ArrayList<>(1);
        backend.scan((key, value) -> {
            if (problems.isEmpty()) {
                read(key, value, entries, problems);
            }
        });
        if (!problems.isEmpty()) {
            return new Rejected(problems.get(0));
        }
        if (!backend.checksum().equals(seal.content())) {
            return new Rejected("its entries do not match the checksum sealed on close (" + backend.checksum()
                    + " found, " + seal.content() + " sealed)");
        }
        entries.sort(Comparator.comparing(KvStore.BackendEntry::revision));
        if (!entries.isEmpty() && entries.get(entries.size() - 1).revision().main() > seal.currentRevision()) {
            return new Rejected("it holds revision " + entries.get(entries.size() - 1).revision()
                    + ", after the sealed current revision " + seal.currentRevision());
        }
        return new Verified(seal, entries);
    }

    private static void read(byte[] key, byte[] value, List<KvStore.BackendEntry> entries, List<String> problems) {
        if (key.length != Revision.BYTES) {
            problems.add("it holds a key of " + key.length + " bytes, not a revision");
            return;
        }
        Revision revision = Revision.fromBytes(key);
        if (revision.main() < 1 || revision.sub() < 0) {
            problems.add("it holds the invalid revision " + revision);
            return;
        }
        try {
            entries.add(new KvStore.BackendEntry(revision, StoredKey.parse(value)));
        } catch (InvalidProtocolBufferException e) {
            problems.add("revision " + revision + " is not a KeyValue: " + e.getMessage());
        }
    }
}
