package dev.berth.shim.watch;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WriteBacklogTest {
    private final WriteBacklog backlog = new WriteBacklog(100);
    private final List<Promise<Void>> writes = new ArrayList<>();

    private boolean write(int bytes) {
        return backlog.write(bytes, () -> {
            Promise<Void> write = Promise.promise();
            writes.add(write);
            return write.future();
        });
    }

    @Test
    void writesUpToTheLimitWhileNothingCompletes() {
        assertThat(write(60)).isTrue();
        assertThat(write(40)).isTrue();
        assertThat(write(1)).as("past the limit").isFalse();
        assertThat(writes).as("the refused write never ran").hasSize(2);
    }

    @Test
    void completedWritesMakeRoomAgain() {
        assertThat(write(100)).isTrue();
        assertThat(write(50)).isFalse();
        writes.get(0).complete();
        assertThat(write(50)).isTrue();
        assertThat(write(50)).isTrue();
        assertThat(write(50)).isFalse();
    }

    @Test
    void aFailedWriteMakesRoomToo() {
        assertThat(write(100)).isTrue();
        writes.get(0).fail("connection reset");
        assertThat(write(100)).isTrue();
    }
}
