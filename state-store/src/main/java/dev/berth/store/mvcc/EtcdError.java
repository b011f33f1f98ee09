package dev.berth.store.mvcc;

/**
 * The errors the store answers invalid KV requests with, worded as etcd's server words them to its clients
 * (etcd's rpctypes), with the gRPC status code it sends them under. Clients such as clientv3 and jetcd match on
 * these strings, so they must stay exactly as they are.
 */
public enum EtcdError {
    /** A request, compare or txn op without a key. */
    EMPTY_KEY("etcdserver: key is not provided", GrpcCode.INVALID_ARGUMENT),
    /** A put that keeps the value or lease of a key that does not exist, or an empty txn op. */
    KEY_NOT_FOUND("etcdserver: key not found", GrpcCode.INVALID_ARGUMENT),
    /** A put with {@code ignore_value} that also carries a value. */
    VALUE_PROVIDED("etcdserver: value is provided", GrpcCode.INVALID_ARGUMENT),
    /** A put with {@code ignore_lease} that also carries a lease. */
    LEASE_PROVIDED("etcdserver: lease is provided", GrpcCode.INVALID_ARGUMENT),
    /** A txn with more compares or ops in one branch than the server allows. */
    TOO_MANY_OPS("etcdserver: too many operations in txn request", GrpcCode.INVALID_ARGUMENT),
    /** A txn that would write one key twice. */
    DUPLICATE_KEY("etcdserver: duplicate key given in txn request", GrpcCode.INVALID_ARGUMENT),
    /** A read, compaction or hash at a revision that compaction has removed. */
    COMPACTED("etcdserver: mvcc: required revision has been compacted", GrpcCode.OUT_OF_RANGE),
    /** A read, compaction or hash at a revision the store has not reached. */
    FUTURE_REVISION("etcdserver: mvcc: required revision is a future revision", GrpcCode.OUT_OF_RANGE),
    /** A put whose key and value exceed the largest KeyValue the store holds. */
    REQUEST_TOO_LARGE("etcdserver: request is too large", GrpcCode.INVALID_ARGUMENT),
    /** A put attached to a lease the lessor does not know. */
    LEASE_NOT_FOUND("etcdserver: requested lease not found", GrpcCode.NOT_FOUND),
    /** A lease grant with the id of a lease that exists. */
    LEASE_EXISTS("etcdserver: lease already exists", GrpcCode.FAILED_PRECONDITION);

    private final String message;
    private final int grpcCode;

    EtcdError(String message, int grpcCode) {
        this.message = message;
        this.grpcCode = grpcCode;
    }

    /** The error description etcd clients receive. */
    public String message() {
        return message;
    }

    /** The gRPC status code etcd sends the error with. */
    public int grpcCode() {
        return grpcCode;
    }

    /** The gRPC status codes etcd uses for KV errors. */
    private static final class GrpcCode {
        static final int INVALID_ARGUMENT = 3;
        static final int NOT_FOUND = 5;
        static final int FAILED_PRECONDITION = 9;
        static final int OUT_OF_RANGE = 11;
    }
}
