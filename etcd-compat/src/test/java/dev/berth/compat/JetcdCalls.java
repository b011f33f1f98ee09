package dev.berth.compat;

import io.etcd.jetcd.ByteSequence;
import io.grpc.stub.StreamObserver;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/** jetcd calls made bounded and text-friendly for the contract's assertions. */
final class JetcdCalls {
    /** How long any one call or awaited event may take. */
    static final Duration TIMEOUT = Duration.ofSeconds(15);

    private JetcdCalls() {}

    static ByteSequence bytes(String s) {
        return ByteSequence.from(s, StandardCharsets.UTF_8);
    }

    static String text(ByteSequence b) {
        return b.toString(StandardCharsets.UTF_8);
    }

    static <T> T result(CompletableFuture<T> call) throws Exception {
        return call.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** What {@code call} failed with; an assertion error if it succeeded. */
    static Throwable failure(CompletableFuture<?> call) throws Exception {
        try {
            Object unexpected = call.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            throw new AssertionError("expected a failure, got " + unexpected);
        } catch (ExecutionException e) {
            return e.getCause();
        }
    }

    /** A stream observer that adds each response to {@code responses} and keeps the error. */
    static <T> StreamObserver<T> collecting(List<T> responses, AtomicReference<Throwable> error) {
        return new StreamObserver<>() {
            @Override
            public void onNext(T response) {
                responses.add(response);
            }

            @Override
            public void onError(Throwable t) {
                error.set(t);
            }

            @Override
            public void onCompleted() {
                // The caller closes the stream; the end of it carries nothing to keep.
            }
        };
    }
}
