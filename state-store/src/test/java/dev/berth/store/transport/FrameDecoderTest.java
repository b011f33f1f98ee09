package dev.berth.store.transport;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import dev.berth.store.raft.pb.Entry;
import dev.berth.store.raft.pb.Message;
import dev.berth.store.raft.pb.MessageType;
import dev.berth.store.raft.pb.Snapshot;
import dev.berth.store.raft.pb.SnapshotMetadata;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FrameDecoderTest {

    private final List<Message> decoded = new ArrayList<>();
    private final List<String> malformed = new ArrayList<>();
    private final FrameDecoder decoder = new FrameDecoder(1024, decoded::add, malformed::add);

    private static Message message(long index, int dataBytes) {
        return Message.newBuilder()
                .setType(MessageType.MSG_SNAPSHOT)
                .setTo(2)
                .setFrom(1)
                .setIndex(index)
                .addEntries(Entry.newBuilder().setIndex(index).setData(ByteString.copyFrom(new byte[dataBytes])))
                .setSnapshot(Snapshot.newBuilder()
                        .setMetadata(SnapshotMetadata.newBuilder().setIndex(index).setTerm(2))
                        .setData(ByteString.copyFromUtf8("state")))
                .build();
    }

    private static Buffer frame(Message message) {
        return Frames.encode(message, message.getSerializedSize());
    }

    @Test
    void encodesALengthPrefixAndTheProtobufBytes() {
        Message message = message(5, 10);

        Buffer frame = frame(message);

        assertThat(frame.getInt(0)).isEqualTo(message.getSerializedSize());
        assertThat(frame.getBytes(Frames.HEADER_BYTES, frame.length())).isEqualTo(message.toByteArray());
    }

    @Test
    void decodesFramesSplitAcrossChunksAndSeveralInOneChunk() {
        Buffer stream = Buffer.buffer()
                .appendBuffer(frame(message(1, 100)))
                .appendBuffer(frame(message(2, 0)))
                .appendBuffer(frame(Message.getDefaultInstance()))
                .appendBuffer(frame(message(3, 500)));

        for (int i = 0; i < stream.length(); i += 7) {
            decoder.handle(stream.getBuffer(i, Math.min(stream.length(), i + 7)));
        }
        decoder.handle(frame(message(4, 1)).appendBuffer(frame(message(5, 1))));

        assertThat(decoded).containsExactly(message(1, 100), message(2, 0), Message.getDefaultInstance(),
                message(3, 500), message(4, 1), message(5, 1));
        assertThat(malformed).isEmpty();
    }

    @Test
    void decodedMessagesDoNotChangeWhenTheChunksTheyCameInAreReused() {
        Buffer whole = frame(message(1, 100));
        Buffer split = frame(message(2, 300));
        Buffer firstHalf = split.getBuffer(0, 150);
        Buffer secondHalf = split.getBuffer(150, split.length());

        decoder.handle(whole);
        decoder.handle(firstHalf);
        decoder.handle(secondHalf);
        for (Buffer chunk : List.of(whole, firstHalf, secondHalf)) {
            for (int i = 0; i < chunk.length(); i++) {
                chunk.setByte(i, (byte) 0x5A);
            }
        }

        assertThat(decoded).containsExactly(message(1, 100), message(2, 300));
    }

    @Test
    void rejectsAFrameOverTheLimitBeforeReadingItsBody() {
        decoder.handle(Buffer.buffer().appendInt(1025));

        assertThat(malformed).containsExactly("frame length 1025 exceeds maxFrameBytes 1024");
        assertThat(decoded).isEmpty();
    }

    @Test
    void rejectsAnUnparseablePayloadAndIgnoresEverythingAfterIt() {
        decoder.handle(Buffer.buffer().appendInt(2).appendBytes(new byte[] {0x0F, 0x0F})
                .appendBuffer(frame(message(1, 1))));
        decoder.handle(frame(message(2, 1)));

        assertThat(malformed).singleElement().asString().startsWith("unparseable Message of 2 bytes");
        assertThat(decoded).isEmpty();
    }

    @Test
    void acceptsAFrameOfExactlyTheLimit() {
        // Between 128 and 16383 bytes of data every length prefix keeps its width, so size grows 1:1.
        int dataBytes = 900 + 1024 - message(1, 900).getSerializedSize();
        Message atLimit = message(1, dataBytes);
        assertThat(atLimit.getSerializedSize()).isEqualTo(1024);

        decoder.handle(frame(atLimit));

        assertThat(decoded).containsExactly(atLimit);
    }
}
