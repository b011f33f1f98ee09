package dev.berth.store.client;

import java.util.ArrayList;
import java.util.List;

/**
 * The failed attempts of one call, and the exception the caller gets when the client stops trying: the etcd error
 * itself if the store refused, {@code OutcomeUnknown} if a write may have been applied, {@code Unavailable} naming
 * every endpoint tried and what each said if the retries ran out.
 */
final class Attempts {
    private final Operation operation;
    private final List<String> tried = new ArrayList<>();
    private Throwable last;

    Attempts(Operation operation) {
        this.operation = operation;
    }

    void failed(String endpoint, Throwable failure) {
        last = FailureKind.unwrap(failure);
        tried.add(endpoint + " (" + describe(last) + ")");
    }

    int count() {
        return tried.size();
    }

    /** Whether the last failure allows another attempt (the attempt and time budgets are the caller's to check). */
    boolean mayRetry() {
        return FailureKind.of(last).allowsRetry(operation);
    }

    /** The exception for the caller when the last failure may not be retried: the etcd error, or an unknown outcome. */
    StoreClientException giveUp() {
        if (FailureKind.of(last) == FailureKind.DEFINITE) {
            return (StoreClientException.Refused) last;
        }
        return new StoreClientException.OutcomeUnknown(operation + " reached " + tried.get(tried.size() - 1)
                + " but its outcome is unknown: it may or may not have been applied, so it was not repeated. Read"
                + " before retrying, or retry as a txn whose compare makes a second application harmless.", last);
    }

    /** The exception for the caller when retries are used up; {@code budget} says which budget ran out. */
    StoreClientException exhausted(String budget) {
        return new StoreClientException.Unavailable(operation + " failed on every endpoint tried, " + budget + ": "
                + String.join(", ", tried) + ". Check that a quorum of members is running and reachable.", last);
    }

    private static String describe(Throwable failure) {
        if (failure instanceof StoreClientException.Refused refused) {
            return refused.etcdMessage();
        }
        return failure.getClass().getSimpleName() + (failure.getMessage() != null ? ": " + failure.getMessage() : "");
    }
}
