package dev.berth.framework.api;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The host ports in use on a node, by IP (upstream's {@code HostPortInfo}). {@code 0.0.0.0} (also
 * what an empty IP means) conflicts with every IP; protocol defaults to TCP.
 */
public final class HostPortInfo {

    /** The IP that means "every address". */
    public static final String DEFAULT_BIND_ALL_HOST_IP = "0.0.0.0";

    /** One protocol/port pair. */
    public record ProtocolPort(String protocol, int port) {
        public ProtocolPort {
            protocol = protocol == null || protocol.isEmpty() ? "TCP" : protocol;
        }
    }

    private final Map<String, Set<ProtocolPort>> byIp = new HashMap<>();

    private static String sanitize(String ip) {
        return ip == null || ip.isEmpty() ? DEFAULT_BIND_ALL_HOST_IP : ip;
    }

    public void add(String ip, String protocol, int port) {
        if (port <= 0) {
            return;
        }
        byIp.computeIfAbsent(sanitize(ip), k -> new HashSet<>()).add(new ProtocolPort(protocol, port));
    }

    public void remove(String ip, String protocol, int port) {
        if (port <= 0) {
            return;
        }
        String key = sanitize(ip);
        Set<ProtocolPort> ports = byIp.get(key);
        if (ports != null) {
            ports.remove(new ProtocolPort(protocol, port));
            if (ports.isEmpty()) {
                byIp.remove(key);
            }
        }
    }

    /** True if binding {@code ip:port/protocol} would clash with a port in use. */
    public boolean conflicts(String ip, String protocol, int port) {
        if (port <= 0) {
            return false;
        }
        ProtocolPort pp = new ProtocolPort(protocol, port);
        String key = sanitize(ip);
        if (key.equals(DEFAULT_BIND_ALL_HOST_IP)) {
            for (Set<ProtocolPort> ports : byIp.values()) {
                if (ports.contains(pp)) {
                    return true;
                }
            }
            return false;
        }
        Set<ProtocolPort> own = byIp.get(key);
        Set<ProtocolPort> all = byIp.get(DEFAULT_BIND_ALL_HOST_IP);
        return (own != null && own.contains(pp)) || (all != null && all.contains(pp));
    }

    /** How many (ip, protocol, port) entries are in use. */
    public int size() {
        int n = 0;
        for (Set<ProtocolPort> ports : byIp.values()) {
            n += ports.size();
        }
        return n;
    }

    public HostPortInfo copy() {
        HostPortInfo c = new HostPortInfo();
        byIp.forEach((ip, ports) -> c.byIp.put(ip, new HashSet<>(ports)));
        return c;
    }
}
