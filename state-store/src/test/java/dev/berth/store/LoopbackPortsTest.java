package dev.berth.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LoopbackPortsTest {

    @Test
    void handsOutDistinctBindablePortsBelowTheEphemeralRange() throws Exception {
        Set<Integer> ports = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            int port = LoopbackPorts.free();
            assertThat(port).isBetween(LoopbackPorts.FIRST, LoopbackPorts.END - 1);
            try (ServerSocket bound = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                assertThat(bound.getLocalPort()).isEqualTo(port);
            }
            ports.add(port);
        }
        assertThat(ports).hasSize(50);
    }

    @Test
    void skipsAPortThatIsTaken() throws Exception {
        int taken = LoopbackPorts.free();
        try (ServerSocket holder = new ServerSocket(taken + 1, 1, InetAddress.getLoopbackAddress())) {
            assertThat(LoopbackPorts.free()).isNotEqualTo(taken + 1);
        }
    }
}
