package dev.berth.app.nodes;

import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * One create of a node's registration (its Node or its Lease), tried again as a kubelet keeps trying to register:
 * after a request that got no answer (a timeout on a loaded machine, a dropped connection), 429 or a 5xx, with
 * doubling waits. A conflict means the object exists (left from an earlier run, or made by an attempt whose answer
 * was lost), which is what registration wants. Bounded: after five tries the last failure is thrown,
 * naming the object.
 */
final class RegistrationCall {
    private static final int ATTEMPTS = 5;
    private static final Duration FIRST_WAIT = Duration.ofMillis(500);
    private static final int CONFLICT = 409;
    private static final int TOO_MANY_REQUESTS = 429;

    /** Waits between tries; tests pass one that does not sleep. */
    interface Sleeper {
        void sleep(Duration wait) throws InterruptedException;
    }

    private RegistrationCall() {
    }

    /** The created object, or null when one of that name exists already. */
    static <T> T createUnlessExists(String what, Supplier<T> create) {
        return createUnlessExists(what, create, wait -> Thread.sleep(wait.toMillis()));
    }

    static <T> T createUnlessExists(String what, Supplier<T> create, Sleeper sleeper) {
        Duration wait = FIRST_WAIT;
        for (int attempt = 1; ; attempt++) {
            try {
                return create.get();
            } catch (KubernetesClientException e) {
                if (e.getCode() == CONFLICT) {
                    return null;
                }
                if (!worthRetrying(e) || attempt == ATTEMPTS) {
                    throw new KubernetesClientException("registering " + what + " failed after " + attempt
                            + " attempt(s): " + e.getMessage(), e.getCode(), e.getStatus());
                }
            }
            try {
                sleeper.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while registering " + what, e);
            }
            wait = wait.multipliedBy(2);
        }
    }

    /** No answer at all (code 0: timed out or the connection failed), rate limited, or a server error. */
    private static boolean worthRetrying(KubernetesClientException e) {
        return e.getCode() == 0 || e.getCode() == TOO_MANY_REQUESTS || e.getCode() >= 500;
    }
}
