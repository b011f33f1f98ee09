package dev.berth.store.transport;

/** Where a peer listens for Raft traffic, and whether it speaks TLS there (its peer URL is https://). */
record PeerAddress(String host, int port, boolean tls) {

    PeerAddress {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("peer host must not be blank, got " + host);
        }
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("peer port must be in 1..65535, got " + port);
        }
    }

    @Override
    public String toString() {
        return (tls ? "https://" : "http://") + host + ":" + port;
    }
}
