package dev.berth.store.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TransportOptionsTest {

    private final TransportOptions defaults = TransportOptions.defaults("127.0.0.1", 0);

    @Test
    void defaultsBoundQueuesAndFrames() {
        assertThat(defaults.maxFrameBytes()).isEqualTo(64 << 20);
        assertThat(defaults.maxQueuedMessages()).isEqualTo(4096);
        assertThat(defaults.maxQueuedBytes()).isEqualTo(64L << 20);
        assertThat(defaults.reconnectInitialDelay()).isEqualTo(Duration.ofMillis(50));
        assertThat(defaults.reconnectMaxDelay()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void withersChangeOneField() {
        assertThat(defaults.withMaxQueuedMessages(7))
                .isEqualTo(new TransportOptions("127.0.0.1", 0, defaults.maxFrameBytes(), 7,
                        defaults.maxQueuedBytes(), defaults.reconnectInitialDelay(), defaults.reconnectMaxDelay(),
                        defaults.connectTimeout(), defaults.tls(), false));
    }

    @Test
    void rejectsBadValuesNamingTheField() {
        assertThatThrownBy(() -> TransportOptions.defaults(" ", 0)).hasMessageContaining("TransportOptions.host");
        assertThatThrownBy(() -> TransportOptions.defaults("127.0.0.1", 70_000))
                .hasMessageContaining("TransportOptions.port").hasMessageContaining("70000");
        assertThatThrownBy(() -> defaults.withMaxFrameBytes(0)).hasMessageContaining("TransportOptions.maxFrameBytes");
        assertThatThrownBy(() -> defaults.withMaxQueuedMessages(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("TransportOptions.maxQueuedMessages");
        assertThatThrownBy(() -> defaults.withMaxQueuedBytes(0)).hasMessageContaining("TransportOptions.maxQueuedBytes");
        assertThatThrownBy(() -> defaults.withReconnectDelays(Duration.ZERO, Duration.ofSeconds(1)))
                .hasMessageContaining("TransportOptions.reconnectInitialDelay");
        assertThatThrownBy(() -> defaults.withReconnectDelays(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .hasMessageContaining("TransportOptions.reconnectMaxDelay");
        assertThatThrownBy(() -> defaults.withConnectTimeout(Duration.ofMillis(-1)))
                .hasMessageContaining("TransportOptions.connectTimeout");
        assertThatThrownBy(() -> defaults.withConnectTimeout(Duration.ofDays(30)))
                .hasMessageContaining("TransportOptions.connectTimeout must be at most");
    }
}
