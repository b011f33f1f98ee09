package dev.berth.store.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The apply thread runs each batch on its own thread, and a fault in a batch reaches the member thread unchanged. */
class ApplyThreadTest {

    @Test
    void batchesRunInOrderOnTheApplyThreadAndAreDoneWhenAwaited() throws Exception {
        List<String> ran = new ArrayList<>();
        try (ApplyThread applyThread = new ApplyThread("m1")) {
            Future<?> first = applyThread.start(() -> ran.add("first on " + Thread.currentThread().getName()));
            Future<?> second = applyThread.start(() -> ran.add("second on " + Thread.currentThread().getName()));
            applyThread.await(first);
            applyThread.await(second);

            assertThat(ran).containsExactly("first on berth-apply-m1", "second on berth-apply-m1");
        }
    }

    @Test
    void aFaultInABatchIsRethrownToTheAwaitingThreadAsItself() {
        IllegalStateException fault = new IllegalStateException("backend outgrew its file");
        try (ApplyThread applyThread = new ApplyThread("m1")) {
            Future<?> batch = applyThread.start(() -> {
                throw fault;
            });

            assertThatThrownBy(() -> applyThread.await(batch)).isSameAs(fault);
        }
    }
}
