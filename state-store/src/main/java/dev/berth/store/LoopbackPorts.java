package dev.berth.store;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Free ports on 127.0.0.1 for members started by benchmarks and tests, which must bind to loopback only.
 *
 * <p>The ports come from below Linux's ephemeral range (32768–60999 by default), where the kernel picks the local
 * ports of outgoing connections: a port the kernel handed out as free (bind to port 0) could be taken by one of the
 * run's own client or peer connections before the member bound it, and a bench run's etcd member once failed with
 * "address already in use" that way. The ports are handed out in turn from a random start, so two callers in this JVM
 * never get the same one and parallel runs rarely meet.
 */
public final class LoopbackPorts {
    static final int FIRST = 20_000;
    static final int END = 32_768;
    private static final AtomicInteger NEXT = new AtomicInteger(ThreadLocalRandom.current().nextInt(END - FIRST));

    private LoopbackPorts() {}

    /** A port free at the time of the call (the caller binds it right after; nothing reserves it). */
    public static int free() throws IOException {
        for (int tried = 0; tried < END - FIRST; tried++) {
            int port = FIRST + Math.floorMod(NEXT.getAndIncrement(), END - FIRST);
            if (bindable(port)) {
                return port;
            }
        }
        throw new IOException("no free port on 127.0.0.1 between " + FIRST + " and " + (END - 1));
    }

    private static boolean bindable(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
