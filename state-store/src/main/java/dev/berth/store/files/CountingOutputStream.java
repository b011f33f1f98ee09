package dev.berth.store.files;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Counts the bytes written through it. Over {@link OutputStream#nullOutputStream()} it measures what a writer would
 * write, for framings that give a length before the bytes.
 */
public final class CountingOutputStream extends FilterOutputStream {
    private long count;

    public CountingOutputStream(OutputStream out) {
        super(out);
    }

    /** Counts what {@code writer} writes, writing it nowhere. */
    public static long measure(Writer writer) throws IOException {
        CountingOutputStream counter = new CountingOutputStream(OutputStream.nullOutputStream());
        writer.writeTo(counter);
        return counter.count();
    }

    /** Something that writes bytes to a stream. */
    @FunctionalInterface
    public interface Writer {
        void writeTo(OutputStream out) throws IOException;
    }

    public long count() {
        return count;
    }

    @Override
    public void write(int b) throws IOException {
        out.write(b);
        count++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
        count += len;
    }
}
