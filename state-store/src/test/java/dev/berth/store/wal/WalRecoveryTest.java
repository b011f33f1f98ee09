package dev.berth.store.wal;

import static dev.berth.store.wal.WalFixtures.NO_FSYNC;
import static dev.berth.store.wal.WalFixtures.append;
import static dev.berth.store.wal.WalFixtures.copyDirectory;
import static dev.berth.store.wal.WalFixtures.entries;
import static dev.berth.store.wal.WalFixtures.entry;
import static dev.berth.store.wal.WalFixtures.flipByte;
import static dev.berth.store.wal.WalFixtures.frame;
import static dev.berth.store.wal.WalFixtures.frames;
import static dev.berth.store.wal.WalFixtures.hardState;
import static dev.berth.store.wal.WalFixtures.lastSegment;
import static dev.berth.store.wal.WalFixtures.putInt;
import static dev.berth.store.wal.WalFixtures.segments;
import static dev.berth.store.wal.WalFixtures.snapshot;
import static dev.berth.store.wal.WalFixtures.truncate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.berth.store.raft.pb.SnapshotMetadata;
import dev.berth.store.wal.WalFixtures.Frame;
import dev.berth.store.wal.pb.WalRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

/**
 * Recovery after crashes and damage. The fixture log is one segment holding, in order: entry 1, entry 2, hard
 * state (commit 0), entry 3, hard state (commit 2), entry 4; frame 1 (entry 2) is the "middle" record and frame 5
 * (entry 4) the last.
 */
class WalRecoveryTest {

    private static final SnapshotMetadata NO_SNAPSHOT = SnapshotMetadata.getDefaultInstance();

    @TempDir
    Path tmp;

    /** Damage done to the last segment, given its frames before the damage. */
    @FunctionalInterface
    interface Damage {
        void apply(Path segment, List<Frame> frames) throws IOException;
    }

    private static void writeFixture(Path dir) throws IOException {
        try (Wal wal = Wal.create(dir, NO_FSYNC)) {
            wal.save(hardState(1, 1, 0), entries(1, 2, 1));
            wal.save(hardState(1, 1, 2), entries(3, 3, 1));
            wal.save(null, entries(4, 4, 1));
        }
    }

    private static WalReplay replay(Path dir) throws IOException {
        try (Wal wal = Wal.open(dir, NO_SNAPSHOT, NO_FSYNC)) {
            return wal.replay();
        }
    }

    @ParameterizedTest(name = "zero-filled after the cut: {0}")
    @ValueSource(booleans = {false, true})
    void aLastRecordTornAtAnyByteIsCutAwayAndTheLogContinues(boolean zeroFilled) throws IOException {
        Path pristine = tmp.resolve("pristine");
        writeFixture(pristine);
        Frame last = frames(lastSegment(pristine)).get(5);

        for (long cut = last.offset(); cut < last.end(); cut++) {
            Path dir = tmp.resolve("cut-at-" + cut);
            copyDirectory(pristine, dir);
            Path segment = lastSegment(dir);
            truncate(segment, cut);
            if (zeroFilled) {
                append(segment, new byte[4096]);
            }

            try (Wal wal = Wal.open(dir, NO_SNAPSHOT, NO_FSYNC)) {
                assertThat(wal.replay().entries()).as("cut at %d", cut).containsExactlyElementsOf(entries(1, 3, 1));
                assertThat(wal.replay().hardState()).isEqualTo(hardState(1, 1, 2));
                assertThat(wal.replay().lastIndex()).isEqualTo(3);
                if (!zeroFilled) {
                    // Zeros after the cut may be read as preallocated space and kept; the append below shows
                    // that writing continues at the cut either way.
                    assertThat(Files.size(segment)).as("cut at %d", cut).isEqualTo(last.offset());
                }
                wal.save(null, List.of(entry(4, 2)));
            }
            assertThat(replay(dir).entries()).as("cut at %d", cut)
                    .containsExactlyElementsOf(Stream.concat(entries(1, 3, 1).stream(), Stream.of(entry(4, 2))).toList());
        }
    }

    static Stream<Arguments> tornTails() {
        return Stream.of(
                Arguments.of("a zero length followed by garbage after the last record", 4,
                        (Damage) (segment, frames) -> append(segment, new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 5, 1})),
                Arguments.of("a short header after the last record", 4,
                        (Damage) (segment, frames) -> append(segment, new byte[] {0, 0, 1, 7, 9})),
                Arguments.of("garbage after the last record", 4,
                        (Damage) (segment, frames) -> append(segment, randomBytes(300))),
                Arguments.of("a payload byte of the last record flipped", 3,
                        (Damage) (segment, frames) -> flipByte(segment, last(frames).offset() + 8 + 3)),
                Arguments.of("the CRC of the last record flipped", 3,
                        (Damage) (segment, frames) -> flipByte(segment, last(frames).offset() + 5)),
                Arguments.of("the payload of the last record zeroed", 3,
                        (Damage) (segment, frames) -> {
                            truncate(segment, last(frames).offset() + 8);
                            append(segment, new byte[last(frames).length()]);
                        }),
                Arguments.of("the last record claiming an impossible length", 3,
                        (Damage) (segment, frames) -> putInt(segment, last(frames).offset(), 0x7fff_ffff)),
                Arguments.of("the last record claiming one byte past the end", 3,
                        (Damage) (segment, frames) -> putInt(segment, last(frames).offset(),
                                last(frames).length() + 1)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tornTails")
    void aDamagedTailWithNothingValidAfterItIsCutAway(String scenario, int entriesKept, Damage damage)
            throws IOException {
        Path dir = tmp.resolve("wal");
        writeFixture(dir);
        Path segment = lastSegment(dir);
        List<Frame> frames = frames(segment);
        long expectedLength = entriesKept == 4 ? last(frames).end() : last(frames).offset();
        damage.apply(segment, frames);

        try (Wal wal = Wal.open(dir, NO_SNAPSHOT, NO_FSYNC)) {
            assertThat(wal.replay().entries()).containsExactlyElementsOf(entries(1, entriesKept, 1));
            assertThat(Files.size(segment)).isEqualTo(expectedLength);
            wal.save(hardState(2, 1, entriesKept), List.of(entry(entriesKept + 1, 2)));
        }
        WalReplay replay = replay(dir);
        assertThat(replay.entries()).hasSize(entriesKept + 1).endsWith(entry(entriesKept + 1, 2));
        assertThat(replay.hardState()).isEqualTo(hardState(2, 1, entriesKept));
    }

    @Test
    void cuttingATornTailIsLoggedWithFileAndOffset() throws IOException {
        Path dir = tmp.resolve("wal");
        writeFixture(dir);
        Path segment = lastSegment(dir);
        Frame last = last(frames(segment));
        truncate(segment, last.end() - 1);

        Logger logger = (Logger) LoggerFactory.getLogger(WalRecovery.class);
        ListAppender<ILoggingEvent> events = new ListAppender<>();
        events.start();
        logger.addAppender(events);
        try {
            replay(dir);
        } finally {
            logger.detachAppender(events);
        }

        assertThat(events.list).singleElement().satisfies(event -> {
            assertThat(event.getLevel()).isEqualTo(Level.WARN);
            assertThat(event.getFormattedMessage()).contains(segment.toString(), "offset " + last.offset(),
                    "claims " + last.length() + " payload bytes", "Truncating the file from " + (last.end() - 1));
        });
    }

    static Stream<Arguments> damageBeforeValidRecords() {
        return Stream.of(
                Arguments.of("a payload byte flipped", "fails its CRC32C check",
                        (Damage) (segment, frames) -> flipByte(segment, frames.get(1).offset() + 8 + 2)),
                Arguments.of("the CRC flipped", "fails its CRC32C check",
                        (Damage) (segment, frames) -> flipByte(segment, frames.get(1).offset() + 4)),
                Arguments.of("the length one byte too long", "fails its CRC32C check",
                        (Damage) (segment, frames) -> putInt(segment, frames.get(1).offset(),
                                frames.get(1).length() + 1)),
                Arguments.of("the length one byte too short", "fails its CRC32C check",
                        (Damage) (segment, frames) -> putInt(segment, frames.get(1).offset(),
                                frames.get(1).length() - 1)),
                Arguments.of("the length zeroed", "has length 0",
                        (Damage) (segment, frames) -> putInt(segment, frames.get(1).offset(), 0)),
                Arguments.of("an impossible length", "claims an impossible length of 2147483647 bytes",
                        (Damage) (segment, frames) -> putInt(segment, frames.get(1).offset(), 0x7fff_ffff)),
                Arguments.of("a length running past the end of the file", "payload bytes but only",
                        (Damage) (segment, frames) -> putInt(segment, frames.get(1).offset(),
                                (int) last(frames).end())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("damageBeforeValidRecords")
    void damageFollowedByValidRecordsRefusesToStartAndChangesNothing(String scenario, String problem,
            Damage damage) throws IOException {
        Path dir = tmp.resolve("wal");
        writeFixture(dir);
        Path segment = lastSegment(dir);
        List<Frame> frames = frames(segment);
        damage.apply(segment, frames);
        byte[] damaged = Files.readAllBytes(segment);

        WalCorruptedException e = catchThrowableOfType(WalCorruptedException.class, () -> replay(dir));

        assertThat(e.file()).isEqualTo(segment);
        assertThat(e.offset()).hasValue(frames.get(1).offset());
        assertThat(e).hasMessageStartingWith("WAL record at " + segment + " offset " + frames.get(1).offset() + " ")
                .hasMessageContaining(problem)
                .hasMessageContaining("a valid record follows at offset")
                .hasMessageContaining("refusing to start (committed entries could be lost)")
                .hasMessageContaining("remove and re-add it");
        assertThat(Files.readAllBytes(segment)).isEqualTo(damaged);
    }

    static Stream<Arguments> wellFormedButWrongRecords() {
        return Stream.of(
                Arguments.of("a payload that is not a protobuf", new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff},
                        "passes its CRC32C check but is not a WAL record"),
                Arguments.of("a record of an unknown kind", new byte[] {0x78, 0x01},
                        "holds no entry, hard state or snapshot marker"),
                Arguments.of("an entry with index 0", WalRecord.newBuilder().setEntry(entry(0, 1)).build().toByteArray(),
                        "holds an entry with index 0"),
                Arguments.of("an entry leaving a hole", WalRecord.newBuilder().setEntry(entry(6, 1)).build()
                        .toByteArray(), "holds entry 6 but the entries replayed after snapshot index 0 end at 4"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("wellFormedButWrongRecords")
    void aRecordWithAGoodCrcThatMakesNoSenseRefusesToStartEvenAtTheEnd(String scenario, byte[] payload,
            String problem) throws IOException {
        Path dir = tmp.resolve("wal");
        writeFixture(dir);
        Path segment = lastSegment(dir);
        long offset = Files.size(segment);
        append(segment, frame(payload));

        WalCorruptedException e = catchThrowableOfType(WalCorruptedException.class, () -> replay(dir));

        assertThat(e.file()).isEqualTo(segment);
        assertThat(e.offset()).hasValue(offset);
        assertThat(e).hasMessageContaining(segment + " offset " + offset).hasMessageContaining(problem);
        assertThat(Files.size(segment)).isEqualTo(offset + 8 + payload.length);
    }

    @Test
    void aHardStateCommittingMissingEntriesRefusesToStart() throws IOException {
        Path dir = tmp.resolve("wal");
        writeFixture(dir);
        append(lastSegment(dir), frame(WalRecord.newBuilder().setHardState(hardState(1, 1, 9)).build().toByteArray()));

        assertThat(catchThrowableOfType(WalCorruptedException.class, () -> replay(dir)))
                .hasMessageContaining("WAL " + dir + " records commit index 9 but its log ends at index 4");
    }

    static Stream<Arguments> damageInEarlierSegments() {
        return Stream.of(
                Arguments.of("its last record cut short", "claims",
                        (Damage) (segment, frames) -> truncate(segment, last(frames).end() - 3)),
                Arguments.of("its last record's CRC flipped", "fails its CRC32C check",
                        (Damage) (segment, frames) -> flipByte(segment, last(frames).offset() + 6)),
                Arguments.of("zeros and then garbage after its last record", "has length 0",
                        (Damage) (segment, frames) -> append(segment, new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 5, 1})),
                Arguments.of("its first record's payload flipped", "fails its CRC32C check",
                        (Damage) (segment, frames) -> flipByte(segment, frames.get(0).offset() + 9)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("damageInEarlierSegments")
    void damageInASegmentThatIsNotTheLastRefusesToStart(String scenario, String problem, Damage damage)
            throws IOException {
        Path dir = tmp.resolve("wal");
        try (Wal wal = Wal.create(dir, NO_FSYNC.withSegmentBytes(256))) {
            for (long i = 1; i <= 40; i += 2) {
                wal.save(hardState(1, 1, i - 1), entries(i, i + 1, 1));
            }
        }
        List<Path> segments = segments(dir);
        assertThat(segments).hasSizeGreaterThan(2);
        Path damaged = segments.get(1);
        List<Frame> frames = frames(damaged);
        damage.apply(damaged, frames);
        long expectedOffset = scenario.startsWith("its first") ? frames.get(0).offset()
                : scenario.startsWith("zeros") ? last(frames).end() : last(frames).offset();

        WalCorruptedException e = catchThrowableOfType(WalCorruptedException.class, () -> replay(dir));

        assertThat(e.file()).isEqualTo(damaged);
        assertThat(e.offset()).hasValue(expectedOffset);
        assertThat(e).hasMessageContaining(damaged + " offset " + expectedOffset)
                .hasMessageContaining(problem)
                .hasMessageContaining("later segments follow this one");
    }

    @Test
    void aMissingSegmentRefusesToStart() throws IOException {
        Path dir = tmp.resolve("wal");
        try (Wal wal = Wal.create(dir, NO_FSYNC.withSegmentBytes(1))) {
            for (long i = 1; i <= 3; i++) {
                wal.save(null, entries(i, i, 1));
            }
        }
        Files.delete(segments(dir).get(1));

        assertThat(catchThrowableOfType(WalCorruptedException.class, () -> replay(dir)))
                .hasMessageContaining("WAL " + dir + " is missing segment files: 0000000000000000-0000000000000001.wal"
                        + " is followed by 0000000000000002-0000000000000003.wal");
    }

    @Test
    void replayFromASnapshotSkipsDamageInSegmentsItDoesNotNeed() throws IOException {
        Path dir = tmp.resolve("wal");
        try (Wal wal = Wal.create(dir, NO_FSYNC.withSegmentBytes(1))) {
            for (long i = 1; i <= 5; i++) {
                wal.save(null, entries(i, i, 1));
            }
            wal.saveSnapshot(snapshot(4, 1));
        }
        flipByte(segments(dir).get(0), 12);

        try (Wal wal = Wal.open(dir, snapshot(4, 1), NO_FSYNC)) {
            assertThat(wal.replay().entries()).containsExactly(entry(5, 1));
        }
        assertThat(catchThrowableOfType(WalCorruptedException.class, () -> replay(dir)).file())
                .isEqualTo(segments(dir).get(0));
    }

    @Test
    void aSegmentWhoseCreationWasInterruptedIsDiscarded() throws IOException {
        Path dir = tmp.resolve("wal");
        writeFixture(dir);
        Path leftover = dir.resolve("0000000000000001-0000000000000005.wal.tmp");
        Files.write(leftover, new byte[] {1, 2, 3});

        assertThat(replay(dir).entries()).containsExactlyElementsOf(entries(1, 4, 1));
        assertThat(leftover).doesNotExist();
    }

    private static Frame last(List<Frame> frames) {
        return frames.get(frames.size() - 1);
    }

    private static byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        new SplittableRandom(7).nextBytes(bytes);
        return bytes;
    }
}
