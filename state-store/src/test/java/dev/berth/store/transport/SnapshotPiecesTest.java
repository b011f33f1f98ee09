package dev.berth.store.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.berth.store.raft.pb.ConfState;
import dev.berth.store.raft.pb.Message;
import dev.berth.store.raft.pb.MessageType;
import dev.berth.store.raft.pb.SnapshotChunk;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** {@link SnapshotStream} cutting snapshots into frames and {@link SnapshotAssembler} joining them, without sockets. */
class SnapshotPiecesTest {

    private static final int FRAME = 4096;

    private final TestNode leader = new TestNode(1, null, List.of(), List.of());
    private final List<Message> delivered = new ArrayList<>();
    private final SnapshotAssembler assembler = new SnapshotAssembler(delivered::add, "test");

    /** The pieces {@code message} is sent as, decoded as the receiver decodes frames. */
    private static List<Message> pieces(Message message, int maxFrameBytes) {
        SnapshotStream stream = SnapshotStream.of(message, maxFrameBytes);
        List<Message> pieces = new ArrayList<>();
        while (stream.hasNext()) {
            Buffer frame = stream.next();
            assertThat(frame.length() - Frames.HEADER_BYTES).isLessThanOrEqualTo(maxFrameBytes)
                    .isEqualTo(frame.getInt(0));
            try {
                pieces.add(Message.parseFrom(frame.getBytes(Frames.HEADER_BYTES, frame.length())));
            } catch (InvalidProtocolBufferException e) {
                throw new AssertionError("a piece does not parse", e);
            }
        }
        return pieces;
    }

    @Test
    void aSnapshotIsCutIntoFramesWithinTheLimitAndJoinedBackToTheSameMessage() {
        Message snapshot = leader.snapshot(2, 40, 100_000);

        List<Message> pieces = pieces(snapshot, FRAME);
        pieces.forEach(assembler);

        assertThat(pieces).hasSizeGreaterThan(100_000 / FRAME);
        assertThat(pieces).extracting(p -> p.getChunk().getOffset())
                .isSorted().startsWith(0L).doesNotHaveDuplicates();
        assertThat(delivered).containsExactly(snapshot);
    }

    @Test
    void anEmptySnapshotIsOnePiece() {
        Message snapshot = leader.snapshot(2, 40, 0);

        List<Message> pieces = pieces(snapshot, FRAME);
        pieces.forEach(assembler);

        assertThat(pieces).hasSize(1);
        assertThat(delivered).containsExactly(snapshot);
    }

    @Test
    void aSnapshotSmallerThanAPieceIsOnePieceUpToTheDefaultFrameLimit() {
        Message snapshot = leader.snapshot(2, 40, SnapshotStream.MAX_PIECE_BYTES);

        assertThat(pieces(snapshot, TransportOptions.DEFAULT_MAX_FRAME_BYTES)).hasSize(1);
    }

    @Test
    void refusesAMessageWithoutASnapshotOrMetadataThatFillsAFrame() {
        assertThatThrownBy(() -> SnapshotStream.of(leader.append(2, 1, 10), FRAME))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("MSG_APPEND");
        Message snapshot = leader.snapshot(2, 40, 10);
        Message manyVoters = snapshot.toBuilder()
                .setSnapshot(snapshot.getSnapshot().toBuilder()
                        .setMetadata(snapshot.getSnapshot().getMetadata().toBuilder()
                                .setConfState(ConfState.newBuilder().addAllVoters(
                                        LongStream.range(1L << 40, (1L << 40) + 1000).boxed().toList()))))
                .build();
        assertThatThrownBy(() -> SnapshotStream.of(manyVoters, FRAME))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no room for data");
    }

    @Test
    void passesOtherMessagesThroughInOrderBetweenPieces() {
        Message snapshot = leader.snapshot(2, 40, 10_000);
        Message heartbeat = Message.newBuilder().setType(MessageType.MSG_HEARTBEAT).setFrom(1).setTo(2).build();
        List<Message> pieces = pieces(snapshot, FRAME);

        assembler.accept(pieces.get(0));
        assembler.accept(heartbeat);
        pieces.subList(1, pieces.size()).forEach(assembler);

        assertThat(delivered).containsExactly(heartbeat, snapshot);
    }

    @Test
    void aPieceThatDoesNotContinueDropsItsSnapshotUntilTheNextOneStarts() {
        List<Message> older = pieces(leader.snapshot(2, 40, 10_000), FRAME);
        List<Message> other = pieces(leader.snapshot(2, 41, 10_000), FRAME);
        Message next = leader.snapshot(2, 42, 10_000);

        assembler.accept(older.get(0));
        assembler.accept(other.get(1));
        older.subList(1, older.size()).forEach(assembler);
        pieces(next, FRAME).forEach(assembler);

        assertThat(delivered).containsExactly(next);
    }

    @Test
    void dropsPiecesThatCannotBeJoined() {
        Message first = pieces(leader.snapshot(2, 40, 10_000), FRAME).get(0);
        List<Message> bad = List.of(
                pieces(leader.snapshot(2, 40, 10_000), FRAME).get(1),
                first.toBuilder().setType(MessageType.MSG_APPEND).build(),
                first.toBuilder().setChunk(SnapshotChunk.newBuilder().setTotalBytes(1L << 31)).build(),
                first.toBuilder().setChunk(SnapshotChunk.newBuilder().setTotalBytes(-1)).build(),
                first.toBuilder().setChunk(SnapshotChunk.newBuilder().setTotalBytes(10)).build(),
                first.toBuilder().setChunk(SnapshotChunk.newBuilder().setOffset(-1).setTotalBytes(10_000)).build());

        for (Message piece : bad) {
            assembler.accept(piece);
        }

        assertThat(delivered).isEmpty();
    }
}
