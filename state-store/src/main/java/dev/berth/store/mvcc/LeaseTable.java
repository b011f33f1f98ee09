package dev.berth.store.mvcc;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.WireFormat;
import dev.berth.store.mvcc.pb.LeaseRecord;
import dev.berth.store.mvcc.pb.MvccSnapshot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The replicated lease table (etcd's lease bucket): granted leases with their TTL and checkpointed remaining TTL.
 * It travels in the MVCC snapshot as {@link MvccSnapshot}'s {@code leases} field, and beside a sealed backend in
 * {@value #FILE_NAME}, so that a clean restart recovers it at the same consistent index as the keys.
 * Guarded by the store's lock.
 */
final class LeaseTable {

    static final String FILE_NAME = "leases.pb";

    private final TreeMap<Long, Lease> leases = new TreeMap<>();

    boolean exists(long id) {
        return leases.containsKey(id);
    }

    Optional<Lease> get(long id) {
        return Optional.ofNullable(leases.get(id));
    }

    List<Lease> all() {
        return List.copyOf(leases.values());
    }

    void put(Lease lease) {
        leases.put(lease.id(), lease);
    }

    void remove(long id) {
        leases.remove(id);
    }

    void replaceWith(Collection<Lease> replacement) {
        leases.clear();
        replacement.forEach(this::put);
    }

    /** The table as {@link MvccSnapshot} fields, to append to the encoded revisions. */
    ByteString encode() {
        ByteString.Output out = ByteString.newOutput();
        CodedOutputStream coded = CodedOutputStream.newInstance(out);
        try {
            for (Lease lease : leases.values()) {
                coded.writeMessage(MvccSnapshot.LEASES_FIELD_NUMBER, toRecord(lease));
            }
            coded.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("encoding the lease table in memory failed", e);
        }
        return out.toByteString();
    }

    /**
     * The leases of an encoded {@link MvccSnapshot}, reading only its lease fields.
     *
     * @throws IllegalArgumentException if the snapshot does not parse or holds a lease without an id or TTL
     */
    static List<Lease> decode(ByteString snapshot) {
        List<Lease> decoded = new ArrayList<>();
        CodedInputStream in = snapshot.newCodedInput();
        try {
            for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
                if (WireFormat.getTagFieldNumber(tag) == MvccSnapshot.LEASES_FIELD_NUMBER) {
                    decoded.add(checked(LeaseRecord.parseFrom(in.readBytes())));
                } else if (!in.skipField(tag)) {
                    break;
                }
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("MVCC snapshot leases do not parse: " + e.getMessage(), e);
        }
        return decoded;
    }

    /** Writes the table beside a backend sealed at {@code consistentIndex}, replacing the file atomically. */
    void save(Path dir, long consistentIndex) throws IOException {
        dev.berth.store.mvcc.pb.LeaseTable.Builder table = dev.berth.store.mvcc.pb.LeaseTable.newBuilder()
                .setConsistentIndex(consistentIndex);
        leases.values().forEach(lease -> table.addLeases(toRecord(lease)));
        Path temp = dir.resolve(FILE_NAME + ".tmp");
        Files.write(temp, table.build().toByteArray());
        Files.move(temp, dir.resolve(FILE_NAME), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * The table saved beside a backend sealed at {@code consistentIndex}; empty if there is no file, it does not
     * parse, or it was saved at another index (then the backend cannot be trusted to match the leases).
     */
    static Optional<List<Lease>> load(Path dir, long consistentIndex) throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(dir.resolve(FILE_NAME));
        } catch (NoSuchFileException missing) {
            return Optional.empty();
        }
        try {
            dev.berth.store.mvcc.pb.LeaseTable table = dev.berth.store.mvcc.pb.LeaseTable.parseFrom(bytes);
            if (table.getConsistentIndex() != consistentIndex) {
                return Optional.empty();
            }
            List<Lease> loaded = new ArrayList<>();
            for (LeaseRecord record : table.getLeasesList()) {
                loaded.add(checked(record));
            }
            return Optional.of(loaded);
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static LeaseRecord toRecord(Lease lease) {
        return LeaseRecord.newBuilder()
                .setID(lease.id())
                .setTTL(lease.ttl())
                .setRemainingTTL(lease.remainingTtl())
                .build();
    }

    private static Lease checked(LeaseRecord record) {
        if (record.getID() == 0 || record.getTTL() <= 0) {
            throw new IllegalArgumentException("lease record " + record.getID() + " has TTL " + record.getTTL()
                    + "; need a non-zero id and a positive TTL");
        }
        return new Lease(record.getID(), record.getTTL(), record.getRemainingTTL());
    }
}
