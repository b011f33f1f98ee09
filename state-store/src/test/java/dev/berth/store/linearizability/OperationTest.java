package dev.berth.store.linearizability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class OperationTest {

    private final KvInput get = new KvInput.Get("x");

    @Test
    void anUnknownOutcomeNeverReturnsAndHasNoOutput() {
        Operation<KvInput, Object> op = Operation.unknownOutcome(3, get, 10);

        assertThat(op.outcomeUnknown()).isTrue();
        assertThat(op.returnTime()).isEqualTo(Long.MAX_VALUE);
        assertThat(op.output()).isNull();
        assertThat(new Operation<KvInput, Object>(3, get, null, 10, 11).outcomeUnknown()).isFalse();
    }

    @Test
    void rejectsMalformedOperations() {
        assertThatThrownBy(() -> new Operation<KvInput, Object>(0, get, "1", 10, 9))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("returnTime 9 is before callTime 10");
        assertThatThrownBy(() -> new Operation<KvInput, Object>(0, get, "1", 10, Long.MAX_VALUE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("an operation with an unknown outcome has no output, but got 1");
        assertThatThrownBy(() -> new Operation<KvInput, Object>(0, get, null, Long.MAX_VALUE, Long.MAX_VALUE))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Operation<KvInput, Object>(0, null, null, 0, 1))
                .isInstanceOf(NullPointerException.class);
    }
}
