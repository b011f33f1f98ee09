package dev.berth.store.mvcc;

import java.nio.ByteBuffer;

/**
 * A point in the store's history: {@code main} is the revision of a write transaction (what clients see as
 * mod and create revisions), {@code sub} numbers the changes inside it, since one txn or delete range changes many
 * keys at one main revision and each change is stored on its own.
 */
record Revision(long main, long sub) implements Comparable<Revision> {

    /** Length of {@link #toBytes()}: the backend key of a stored revision. */
    static final int BYTES = 16;

    /** Big-endian main then sub, so that byte order is revision order. */
    byte[] toBytes() {
        byte[] bytes = new byte[BYTES];
        writeTo(bytes);
        return bytes;
    }

    /** Writes {@link #toBytes()}'s bytes into {@code bytes}, for a reader that reuses one key array. */
    void writeTo(byte[] bytes) {
        ByteBuffer.wrap(bytes).putLong(main).putLong(sub);
    }

    /** Reads what {@link #toBytes()} wrote. */
    static Revision fromBytes(byte[] bytes) {
        if (bytes.length != BYTES) {
            throw new IllegalArgumentException("a revision is " + BYTES + " bytes, got " + bytes.length);
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        return new Revision(buffer.getLong(), buffer.getLong());
    }

    @Override
    public int compareTo(Revision other) {
        int byMain = Long.compare(main, other.main);
        return byMain != 0 ? byMain : Long.compare(sub, other.sub);
    }

    @Override
    public String toString() {
        return main + "." + sub;
    }
}
