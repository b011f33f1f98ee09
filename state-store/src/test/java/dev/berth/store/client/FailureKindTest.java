package dev.berth.store.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.http.HttpClosedException;
import io.vertx.grpc.common.GrpcStatus;
import java.net.ConnectException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/** The retry rule: what may be sent again after which failure. */
class FailureKindTest {

    private static StoreClientException.Refused refused(GrpcStatus status, String message) {
        return new StoreClientException.Refused("put", "127.0.0.1:2379", status, message);
    }

    @Test
    void writesAreRepeatedOnlyWhenNothingCanHaveBeenApplied() {
        assertThat(FailureKind.of(new CompletionException(new ConnectException("Connection refused"))))
                .isEqualTo(FailureKind.NOT_SENT);
        assertThat(FailureKind.of(refused(GrpcStatus.UNAVAILABLE, "etcdserver: not leader")))
                .isEqualTo(FailureKind.REFUSED_BEFORE_APPLY);
        assertThat(FailureKind.of(refused(GrpcStatus.UNAVAILABLE, "etcdserver: no leader")))
                .isEqualTo(FailureKind.REFUSED_BEFORE_APPLY);
        assertThat(FailureKind.NOT_SENT.allowsRetry(Operation.PUT)).isTrue();
        assertThat(FailureKind.REFUSED_BEFORE_APPLY.allowsRetry(Operation.TXN)).isTrue();
    }

    @Test
    void anUnknownOutcomeRepeatsReadsButNotWrites() {
        for (Throwable unknown : new Throwable[] {
                refused(GrpcStatus.UNAVAILABLE, "etcdserver: request timed out"),
                refused(GrpcStatus.UNAVAILABLE, "etcdserver: leader changed"),
                refused(GrpcStatus.UNAVAILABLE, "etcdserver: server stopped"),
                refused(GrpcStatus.DEADLINE_EXCEEDED, "deadline exceeded"),
                new HttpClosedException("Connection was closed"),
                new TimeoutException()}) {
            assertThat(FailureKind.of(unknown)).as("%s", unknown).isEqualTo(FailureKind.OUTCOME_UNKNOWN);
        }
        assertThat(FailureKind.OUTCOME_UNKNOWN.allowsRetry(Operation.RANGE)).isTrue();
        assertThat(FailureKind.OUTCOME_UNKNOWN.allowsRetry(Operation.WATCH)).isTrue();
        assertThat(FailureKind.OUTCOME_UNKNOWN.allowsRetry(Operation.LEASE_KEEP_ALIVE)).isTrue();
        assertThat(FailureKind.OUTCOME_UNKNOWN.allowsRetry(Operation.PUT)).isFalse();
        assertThat(FailureKind.OUTCOME_UNKNOWN.allowsRetry(Operation.DELETE_RANGE)).isFalse();
        assertThat(FailureKind.OUTCOME_UNKNOWN.allowsRetry(Operation.LEASE_GRANT)).isFalse();
    }

    @Test
    void anEtcdErrorIsFinal() {
        FailureKind compacted = FailureKind.of(refused(GrpcStatus.OUT_OF_RANGE,
                "etcdserver: mvcc: required revision has been compacted"));
        assertThat(compacted).isEqualTo(FailureKind.DEFINITE);
        assertThat(compacted.allowsRetry(Operation.RANGE)).isFalse();
    }

    @Test
    void aWriteWithAnUnknownOutcomeIsReportedAsSuchNamingTheMember() {
        Attempts attempts = new Attempts(Operation.PUT);
        attempts.failed("127.0.0.1:2379", refused(GrpcStatus.UNAVAILABLE, "etcdserver: request timed out"));
        assertThat(attempts.mayRetry()).isFalse();
        assertThat(attempts.giveUp()).isInstanceOf(StoreClientException.OutcomeUnknown.class)
                .hasMessageContaining("put reached 127.0.0.1:2379 (etcdserver: request timed out) but its outcome is unknown")
                .hasMessageContaining("may or may not have been applied");
    }
}
