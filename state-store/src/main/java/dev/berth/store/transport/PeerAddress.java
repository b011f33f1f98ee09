package dev.berth.store.transport;

/** Where a peer listens for Raft traffic. */
record PeerAddress(String host, int port) {

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
        return host + ":" + port;
    }
}
