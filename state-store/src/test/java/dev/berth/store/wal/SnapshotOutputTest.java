package dev.berth.store.wal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.WireFormat;
import dev.berth.store.raft.pb.Entry;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Lengths reserved before their bytes and filled in after them, as padded varints protobuf reads as usual. */
class SnapshotOutputTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(longs = {0, 1, 127, 128, 16_383, 16_384, 75_159_006, Integer.MAX_VALUE, (1L << 35) - 1})
    void aPaddedLengthReadsAsTheSameNumber(long length) throws IOException {
        byte[] padded = SnapshotOutput.paddedVarint(length);

        assertThat(padded).hasSize(SnapshotOutput.LENGTH_BYTES);
        assertThat(CodedInputStream.newInstance(padded).readRawVarint64()).isEqualTo(length);
    }

    @Test
    void aLengthThatDoesNotFitFiveBytesIsRefused() {
        assertThatThrownBy(() -> SnapshotOutput.paddedVarint(1L << 35)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("does not fit");
        assertThatThrownBy(() -> SnapshotOutput.paddedVarint(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    /** With fsync, a field of several MiB is synced (and so flushed) several times before its length is filled. */
    @ParameterizedTest(name = "fsync {0}, {1} bytes")
    @CsvSource({"false, 70000", "true, 70000", "true, 3215728"})
    void aFieldWrittenBeforeItsLengthIsKnownParsesAsTheMessage(boolean fsync, int dataBytes) throws IOException {
        Entry expected = Entry.newBuilder().setIndex(7).setTerm(2)
                .setData(ByteString.copyFrom("x".repeat(dataBytes), StandardCharsets.UTF_8)).build();
        Path file = dir.resolve("entry");
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            SnapshotOutput out = new SnapshotOutput(channel, fsync);
            CodedOutputStream framing = CodedOutputStream.newInstance(out);
            framing.writeUInt64(Entry.INDEX_FIELD_NUMBER, 7);
            framing.writeUInt64(Entry.TERM_FIELD_NUMBER, 2);
            framing.writeTag(Entry.DATA_FIELD_NUMBER, WireFormat.WIRETYPE_LENGTH_DELIMITED);
            framing.flush();
            SnapshotOutput.LengthSlot length = out.reserveLength();
            expected.getData().writeTo(out);

            assertThat(length.fill()).isEqualTo(dataBytes);
            assertThat(out.finish()).as("the position after the last byte").isEqualTo(Files.size(file));
            assertThatThrownBy(length::fill).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("already filled in");
        }

        assertThat(Entry.parseFrom(Files.readAllBytes(file))).isEqualTo(expected);
    }
}
