package dev.berth.store.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.ByteString;
import dev.berth.store.raft.pb.SnapshotMetadata;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BackgroundSnapshotReaderTest {

    private static final SnapshotMetadata AT_10 = SnapshotMetadata.newBuilder().setTerm(2).setIndex(10).build();
    private static final SnapshotMetadata AT_20 = SnapshotMetadata.newBuilder().setTerm(2).setIndex(20).build();

    private final List<String> readsOnThreads = new ArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private final List<SnapshotMetadata> failing = new ArrayList<>();
    private final BackgroundSnapshotReader reader = new BackgroundSnapshotReader(metadata -> {
        synchronized (readsOnThreads) {
            readsOnThreads.add(metadata.getIndex() + "@" + Thread.currentThread().getName());
        }
        try {
            release.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (failing.contains(metadata)) {
            throw new NoSuchFileException("snapshot " + metadata.getIndex());
        }
        return ByteString.copyFromUtf8("state at " + metadata.getIndex());
    });

    @AfterEach
    void close() {
        release.countDown();
        reader.close();
    }

    @Test
    void answersNotYetWhileTheFileIsReadOnItsOwnThreadThenTheData() throws IOException {
        assertThatThrownBy(() -> reader.load(AT_10)).isInstanceOf(IOException.class)
                .hasMessage("the snapshot at index 10 is being read back from its file");
        assertThatThrownBy(() -> reader.load(AT_10)).isInstanceOf(IOException.class);

        release.countDown();

        assertThat(awaitData(AT_10).toStringUtf8()).isEqualTo("state at 10");
        assertThat(readsOnThreads).containsExactly("10@berth-snapshot-reader");
    }

    @Test
    void readsANewerSnapshotAskedForWhileAnOlderOneIsRead() {
        assertThatThrownBy(() -> reader.load(AT_10)).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> reader.load(AT_20)).isInstanceOf(IOException.class);

        release.countDown();

        assertThat(awaitData(AT_20).toStringUtf8()).isEqualTo("state at 20");
        assertThat(readsOnThreads).extracting(read -> read.split("@")[0]).containsExactly("10", "20");
    }

    @Test
    void reportsAFailedReadOnceThenReadsAgain() {
        failing.add(AT_10);
        release.countDown();
        assertThatThrownBy(() -> reader.load(AT_10)).isInstanceOf(IOException.class);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThatThrownBy(() -> reader.load(AT_10))
                .isInstanceOf(NoSuchFileException.class).hasMessage("snapshot 10"));
        failing.clear();

        assertThat(awaitData(AT_10).toStringUtf8()).isEqualTo("state at 10");
        assertThat(readsOnThreads).hasSize(2);
    }

    @Test
    void refusesToReadOnceClosed() {
        reader.close();

        assertThatThrownBy(() -> reader.load(AT_10)).isInstanceOf(IOException.class)
                .hasMessage("the snapshot reader is closed");
    }

    private ByteString awaitData(SnapshotMetadata metadata) {
        return await().atMost(Duration.ofSeconds(10)).ignoreException(IOException.class)
                .until(() -> reader.load(metadata), data -> true);
    }
}
