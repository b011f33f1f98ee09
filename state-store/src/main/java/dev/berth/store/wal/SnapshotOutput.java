package dev.berth.store.wal;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;

/**
 * Where a snapshot's bytes go on their way into its file, in one pass. Protobuf gives a length-delimited field's
 * length before its bytes, and a snapshot's state is tens of megabytes streamed from the store: counting it first
 * meant encoding it twice (about half the snapshot thread's CPU). Instead a writer {@linkplain #reserveLength()
 * reserves} room for the length, writes the bytes, and {@linkplain LengthSlot#fill() fills} the length in.
 *
 * <p>The length takes {@value #LENGTH_BYTES} bytes whatever its value: a varint padded with continuation bits (for
 * example 3 as {@code 83 80 80 80 00}). Protobuf parsers read a varint of up to ten bytes, so the file parses as if
 * the length were written in its shortest form.
 */
public final class SnapshotOutput extends OutputStream {

    /** Enough for any length below 32 GiB; a snapshot's data is limited to 2 GiB. */
    static final int LENGTH_BYTES = 5;
    private static final byte[] UNFILLED = new byte[LENGTH_BYTES];
    private static final int BUFFER_BYTES = 1 << 16;

    private final FileChannel channel;
    private final OutputStream buffered;
    private final boolean fsync;
    /** Where in the file the first byte written here went. */
    private final long start;
    private long written;
    private long synced;
    private int unfilled;

    /**
     * Writes at the channel's position, which must not be moved until {@link #finish()}; with {@code fsync}, syncs
     * the file after every {@link Fsync#BACKGROUND_SYNC_BYTES} written, so that the member's WAL syncs do not queue
     * behind the whole snapshot at its end.
     */
    SnapshotOutput(FileChannel channel, boolean fsync) throws IOException {
        this.channel = channel;
        this.buffered = new BufferedOutputStream(Channels.newOutputStream(channel), BUFFER_BYTES);
        this.fsync = fsync;
        this.start = channel.position();
    }

    /** A length to fill in once the bytes it counts, which start right after it, are written. */
    public final class LengthSlot {
        private final long position;
        private final long counted;
        private boolean filled;

        private LengthSlot(long position, long counted) {
            this.position = position;
            this.counted = counted;
        }

        /**
         * Writes the number of bytes written since this slot was reserved into it, and returns that number.
         *
         * @throws IllegalStateException if it was filled before
         */
        public long fill() throws IOException {
            if (filled) {
                throw new IllegalStateException("the length at file position " + position + " is already filled in");
            }
            long length = written - counted;
            buffered.flush();
            ByteBuffer bytes = ByteBuffer.wrap(paddedVarint(length));
            while (bytes.hasRemaining()) {
                channel.write(bytes, position + bytes.position());
            }
            filled = true;
            unfilled--;
            return length;
        }
    }

    /** Reserves {@value #LENGTH_BYTES} bytes here for a length that {@link LengthSlot#fill()} writes later. */
    public LengthSlot reserveLength() throws IOException {
        LengthSlot slot = new LengthSlot(start + written, written + LENGTH_BYTES);
        write(UNFILLED);
        unfilled++;
        return slot;
    }

    @Override
    public void write(int b) throws IOException {
        buffered.write(b);
        written++;
        syncIfDue();
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        buffered.write(b, off, len);
        written += len;
        syncIfDue();
    }

    private void syncIfDue() throws IOException {
        if (fsync && written - synced >= Fsync.BACKGROUND_SYNC_BYTES) {
            buffered.flush();
            channel.force(false);
            synced = written;
        }
    }

    /**
     * Writes out what is buffered and returns the file position after the last byte.
     *
     * @throws IllegalStateException if a reserved length was never filled in: the file would not parse
     */
    long finish() throws IOException {
        if (unfilled != 0) {
            throw new IllegalStateException(unfilled + " reserved length(s) never filled in; the snapshot is not"
                    + " written");
        }
        buffered.flush();
        return start + written;
    }

    /** {@code value} as a varint of exactly {@value #LENGTH_BYTES} bytes. */
    static byte[] paddedVarint(long value) {
        if (value < 0 || value >= 1L << (7 * LENGTH_BYTES)) {
            throw new IllegalArgumentException("a length of " + value + " bytes does not fit " + LENGTH_BYTES
                    + " varint bytes");
        }
        byte[] bytes = new byte[LENGTH_BYTES];
        for (int i = 0; i < LENGTH_BYTES; i++) {
            bytes[i] = (byte) ((value >>> (7 * i)) & 0x7F);
            if (i < LENGTH_BYTES - 1) {
                bytes[i] |= (byte) 0x80;
            }
        }
        return bytes;
    }
}
