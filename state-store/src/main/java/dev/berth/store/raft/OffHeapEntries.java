package dev.berth.store.raft;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.berth.store.raft.pb.Entry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;

/**
 * The older part of the stable log: consecutive entries, each serialized into memory outside the Java heap.
 *
 * <p>Why: a member keeps every entry since its last snapshot (up to 100,000 of them) for followers that fall
 * behind, yet reads an entry again only when one does. As objects those entries lived for seconds, so every young
 * collection copied them, several times each before they were promoted: about 400 bytes per write, the larger part
 * of what a member's young pauses copied. Here they cost the collector nothing; reading one back parses it again.
 *
 * <p>Entries go into chunks of direct memory, one after another. Chunks that compaction or truncation empties are
 * kept for reuse, up to {@link #SPARE_CHUNKS}, so a member that compacts after every snapshot reuses its memory
 * instead of leaving it for the collector to free.
 *
 * <p>Not thread-safe: {@link MemoryStorage} guards it.
 */
final class OffHeapEntries {

    static final int DEFAULT_CHUNK_BYTES = 1 << 20;
    /** Spare chunks kept: 64 MiB at the default size, above the 100,000 entries of a snapshot's spacing. */
    private static final int SPARE_CHUNKS = 64;
    /** Before each entry: its term (8 bytes) and its serialized length (4 bytes). */
    private static final int HEADER_BYTES = Long.BYTES + Integer.BYTES;

    private final int chunkBytes;
    /** In index order; every chunk holds at least one entry that is still part of the log. */
    private final ArrayList<Chunk> chunks = new ArrayList<>();
    private final ArrayDeque<ByteBuffer> spare = new ArrayDeque<>();
    /** The index of the first entry held; entries of the first chunk before it are compacted away. */
    private long firstIndex;
    private long size;

    OffHeapEntries() {
        this(DEFAULT_CHUNK_BYTES);
    }

    /** @param chunkBytes the size of a chunk of direct memory; an entry larger than a chunk gets one of its own */
    OffHeapEntries(int chunkBytes) {
        if (chunkBytes <= HEADER_BYTES) {
            throw new IllegalArgumentException("chunks of " + chunkBytes + " bytes cannot hold an entry's header");
        }
        this.chunkBytes = chunkBytes;
    }

    /** One piece of direct memory and where its entries start, by position from the chunk's first index. */
    private static final class Chunk {
        final ByteBuffer memory;
        final long firstIndex;
        int[] starts = new int[256];
        int count;
        int end;

        Chunk(ByteBuffer memory, long firstIndex) {
            this.memory = memory;
            this.firstIndex = firstIndex;
        }

        boolean fits(int bytes) {
            return memory.capacity() - end >= bytes;
        }

        int start(long index) {
            return starts[(int) (index - firstIndex)];
        }

        long lastIndex() {
            return firstIndex + count - 1;
        }
    }

    boolean isEmpty() {
        return size == 0;
    }

    long size() {
        return size;
    }

    /** The index of the first entry; meaningless while empty. */
    long firstIndex() {
        return firstIndex;
    }

    long lastIndex() {
        return firstIndex + size - 1;
    }

    /**
     * Adds {@code entry} after the last one.
     *
     * @throws IllegalArgumentException if it does not follow the last entry's index
     */
    void add(Entry entry) {
        if (!isEmpty() && entry.getIndex() != lastIndex() + 1) {
            throw new IllegalArgumentException("entry " + entry.getIndex() + " cannot follow entry " + lastIndex()
                    + ": the log's entries are consecutive");
        }
        int length = entry.getSerializedSize();
        int bytes = HEADER_BYTES + length;
        Chunk chunk = chunks.isEmpty() ? null : chunks.get(chunks.size() - 1);
        if (chunk == null || !chunk.fits(bytes)) {
            chunk = new Chunk(memory(bytes), entry.getIndex());
            chunks.add(chunk);
        }
        if (chunk.count == chunk.starts.length) {
            chunk.starts = Arrays.copyOf(chunk.starts, chunk.count * 2);
        }
        int start = chunk.end;
        chunk.memory.putLong(start, entry.getTerm());
        chunk.memory.putInt(start + Long.BYTES, length);
        write(entry, chunk.memory.slice(start + HEADER_BYTES, length));
        chunk.starts[chunk.count++] = start;
        chunk.end = start + bytes;
        if (isEmpty()) {
            firstIndex = entry.getIndex();
        }
        size++;
    }

    private static void write(Entry entry, ByteBuffer target) {
        try {
            CodedOutputStream out = CodedOutputStream.newInstance(target);
            entry.writeTo(out);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("serializing entry " + entry.getIndex() + " off the heap failed", e);
        }
    }

    /** The entry at {@code index}, parsed into a new object on the heap. */
    Entry get(long index) {
        Chunk chunk = chunkOf(index);
        int start = chunk.start(index);
        int length = chunk.memory.getInt(start + Long.BYTES);
        try {
            return Entry.parseFrom(chunk.memory.slice(start + HEADER_BYTES, length));
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("entry " + index + " held off the heap does not parse back", e);
        }
    }

    long term(long index) {
        Chunk chunk = chunkOf(index);
        return chunk.memory.getLong(chunk.start(index));
    }

    /** The entry's serialized size, as {@link Entry#getSerializedSize()} gives it, without parsing it. */
    long serializedSize(long index) {
        Chunk chunk = chunkOf(index);
        return chunk.memory.getInt(chunk.start(index) + Long.BYTES);
    }

    /** Drops the entries up to and including {@code index} (compaction). */
    void dropThrough(long index) {
        if (isEmpty() || index < firstIndex) {
            return;
        }
        if (index >= lastIndex()) {
            clear();
            return;
        }
        while (chunks.get(0).lastIndex() <= index) {
            release(chunks.remove(0));
        }
        size -= index + 1 - firstIndex;
        firstIndex = index + 1;
    }

    /** Drops the entries from {@code index} on (a leader overwriting the log's tail). */
    void dropFrom(long index) {
        if (isEmpty() || index > lastIndex()) {
            return;
        }
        if (index <= firstIndex) {
            clear();
            return;
        }
        while (chunks.get(chunks.size() - 1).firstIndex >= index) {
            release(chunks.remove(chunks.size() - 1));
        }
        Chunk last = chunks.get(chunks.size() - 1);
        last.count = (int) (index - last.firstIndex);
        last.end = last.starts[last.count - 1] + HEADER_BYTES + last.memory.getInt(last.starts[last.count - 1]
                + Long.BYTES);
        size = index - firstIndex;
    }

    void clear() {
        for (Chunk chunk : chunks) {
            release(chunk);
        }
        chunks.clear();
        size = 0;
    }

    /** Spare chunks held for reuse, for tests. */
    int spareChunks() {
        return spare.size();
    }

    private ByteBuffer memory(int bytes) {
        if (bytes > chunkBytes) {
            return ByteBuffer.allocateDirect(bytes);
        }
        ByteBuffer reused = spare.poll();
        return reused != null ? reused : ByteBuffer.allocateDirect(chunkBytes);
    }

    private void release(Chunk chunk) {
        if (chunk.memory.capacity() == chunkBytes && spare.size() < SPARE_CHUNKS) {
            spare.push(chunk.memory);
        }
    }

    private Chunk chunkOf(long index) {
        if (index < firstIndex || index > lastIndex()) {
            throw new IllegalArgumentException("entry " + index + " is not held off the heap"
                    + (isEmpty() ? " (none is)" : " (" + firstIndex + " to " + lastIndex() + " are)"));
        }
        int lo = 0;
        int hi = chunks.size() - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (chunks.get(mid).firstIndex <= index) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return chunks.get(lo);
    }
}
