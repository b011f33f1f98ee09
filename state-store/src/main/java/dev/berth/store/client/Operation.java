package dev.berth.store.client;

/**
 * The client's calls, and whether each may be sent again after an attempt whose outcome is unknown: reads and
 * keep-alives may (repeating them changes nothing), writes may not (a put applied twice makes two revisions, a
 * second grant a second lease).
 */
enum Operation {
    RANGE("range", true),
    PUT("put", false),
    DELETE_RANGE("delete range", false),
    TXN("txn", false),
    COMPACT("compact", false),
    WATCH("watch", true),
    LEASE_GRANT("lease grant", false),
    LEASE_REVOKE("lease revoke", false),
    LEASE_KEEP_ALIVE("lease keep-alive", true),
    LEASE_TIME_TO_LIVE("lease time-to-live", true),
    MEMBER_LIST("member list", true),
    STATUS("status", true);

    private final String label;
    private final boolean repeatable;

    Operation(String label, boolean repeatable) {
        this.label = label;
        this.repeatable = repeatable;
    }

    boolean repeatable() {
        return repeatable;
    }

    @Override
    public String toString() {
        return label;
    }
}
