package dev.berth.app.bench.store;

import com.google.protobuf.ByteString;
import dev.berth.app.UsageException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;

/**
 * What every row sends, identical for both systems: how many requests, how many in flight, and the keys
 * and values. Keys are zero-padded decimal request numbers, so they are printable (etcdctl can read them
 * back) and all {@code keyBytes} long; they wrap when {@code requests} outgrows the width. The watch row has
 * {@code clients} watchers and one writer putting {@code watchPuts} keys at {@code watchPutsPerSecond}, a count of its
 * own because its writer is paced (etcd's {@code benchmark watch-latency} has {@code --put-total} beside
 * {@code --total} for the same reason); the lease row renews {@code clients} leases, one keep-alive in flight each,
 * {@code requests} in all. Each row first sends {@code warmupRequests} unmeasured requests the same way, to both
 * systems alike; the watch row as many unmeasured puts as it measures ({@link #watchWarmupPuts()}).
 */
public record Workload(int clients, int requests, int warmupRequests, int keyBytes, int valueBytes, int watchPuts,
                       int watchPutsPerSecond, Duration timeout) {
    /** etcd's default request size limit is 1.5 MiB; keep well below it. */
    static final int MAX_VALUE_BYTES = 1 << 20;
    static final int MAX_KEY_BYTES = 1024;

    public Workload {
        if (clients < 1) {
            throw new UsageException("--clients: must be at least 1, got " + clients);
        }
        if (requests < 1) {
            throw new UsageException("--requests: must be at least 1, got " + requests);
        }
        if (warmupRequests < 0) {
            throw new UsageException("--warmup-requests: must be at least 0, got " + warmupRequests);
        }
        if (keyBytes < 1 || keyBytes > MAX_KEY_BYTES) {
            throw new UsageException("--key-bytes: must be between 1 and " + MAX_KEY_BYTES + ", got " + keyBytes);
        }
        if (valueBytes < 0 || valueBytes > MAX_VALUE_BYTES) {
            throw new UsageException("--value-bytes: must be between 0 and " + MAX_VALUE_BYTES + ", got " + valueBytes);
        }
        if (watchPuts < 1) {
            throw new UsageException("--watch-puts: must be at least 1, got " + watchPuts);
        }
        if (watchPutsPerSecond < 1) {
            throw new UsageException("--watch-rate: must be at least 1 put per second, got " + watchPutsPerSecond);
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new UsageException("--timeout: must be at least 1 second, got " + timeout.toSeconds());
        }
    }

    /** Whether each row sends unmeasured requests first ({@code --warmup-requests 0} measures from the first request). */
    boolean warmsUp() {
        return warmupRequests > 0;
    }

    /** The watch row's unmeasured puts: as many as it measures, or none when {@code --warmup-requests 0}. */
    int watchWarmupPuts() {
        return warmsUp() ? watchPuts : 0;
    }

    /** The client's own warm-up: each row's warm-up count measured once, with no warm-up of its own. */
    Workload clientWarmUp() {
        return new Workload(clients, warmupRequests, 0, keyBytes, valueBytes, watchPuts, watchPutsPerSecond, timeout);
    }

    /** The key of request {@code i}: its number, zero-padded to {@code keyBytes} digits (modulo 10^keyBytes). */
    ByteString key(long i) {
        String digits = Long.toString(i);
        byte[] key = new byte[keyBytes];
        Arrays.fill(key, (byte) '0');
        byte[] tail = digits.getBytes(StandardCharsets.US_ASCII);
        int copied = Math.min(tail.length, keyBytes);
        System.arraycopy(tail, tail.length - copied, key, keyBytes - copied, copied);
        return ByteString.copyFrom(key);
    }

    /** The value every put writes; its content does not matter, only its size. */
    ByteString value() {
        byte[] value = new byte[valueBytes];
        Arrays.fill(value, (byte) 'v');
        return ByteString.copyFrom(value);
    }
}
