package dev.berth.store.client;

import io.vertx.grpc.common.GrpcStatus;
import java.net.ConnectException;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * What a failed attempt says about the request: the retry rule. An attempt may be repeated on another member when
 * nothing was applied ({@link #NOT_SENT}, {@link #REFUSED_BEFORE_APPLY}); when the outcome is unknown only reads
 * and keep-alives are repeated; an etcd error is final.
 */
enum FailureKind {
    /** No connection: the request never left the client. */
    NOT_SENT,
    /** The member refused before proposing anything: it is not the leader or knows none. */
    REFUSED_BEFORE_APPLY,
    /** Sent, then no answer: a timeout, a lost connection, a member stopping, a leader change mid-request. */
    OUTCOME_UNKNOWN,
    /** The store's answer: an etcd error such as a compacted revision or a failed precondition. */
    DEFINITE;

    /**
     * etcd's (and Berth's) errors for a request refused before it was proposed. "leader changed" and "request
     * timed out" are not here: by then the request may have been proposed.
     */
    private static final Set<String> NOT_APPLIED = Set.of("etcdserver: not leader", "etcdserver: no leader");
    /** Statuses that say "no answer" rather than "this answer". */
    private static final Set<GrpcStatus> NO_ANSWER = Set.of(GrpcStatus.UNAVAILABLE, GrpcStatus.DEADLINE_EXCEEDED,
            GrpcStatus.CANCELLED, GrpcStatus.UNKNOWN);

    static FailureKind of(Throwable failure) {
        Throwable t = unwrap(failure);
        if (t instanceof StoreClientException.Refused refused) {
            if (refused.status() == GrpcStatus.UNAVAILABLE && NOT_APPLIED.contains(refused.etcdMessage())) {
                return REFUSED_BEFORE_APPLY;
            }
            return NO_ANSWER.contains(refused.status()) ? OUTCOME_UNKNOWN : DEFINITE;
        }
        return t instanceof ConnectException ? NOT_SENT : OUTCOME_UNKNOWN;
    }

    /** Whether {@code operation} may be sent again after a failure of this kind. */
    boolean allowsRetry(Operation operation) {
        return switch (this) {
            case NOT_SENT, REFUSED_BEFORE_APPLY -> true;
            case OUTCOME_UNKNOWN -> operation.repeatable();
            case DEFINITE -> false;
        };
    }

    static Throwable unwrap(Throwable failure) {
        Throwable t = failure;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
