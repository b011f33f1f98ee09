package dev.berth.store;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Free ports on 127.0.0.1 for members started by benchmarks and tests, which must bind to loopback only. */
public final class LoopbackPorts {
    private LoopbackPorts() {}

    /** A port free at the time of the call (the caller binds it right after; nothing reserves it). */
    public static int free() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
