package dev.berth.app.nodes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RegistrationCallTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            // case,                         failure code, failures before success, result, calls, waits (ms)
            "answered at once,               0,   0, created, 1, ''",
            "timed out twice then created,   0,   2, created, 3, 500 1000",
            "rate limited once,              429, 1, created, 2, 500",
            "server error once,              503, 1, created, 2, 500",
            "exists already,                 409, 1, exists,  1, ''",
            "refused as invalid,             422, 1, thrown,  1, ''",
            "never answered,                 0,   9, thrown,  5, 500 1000 2000 4000",
    })
    void retriesWhatAKubeletWouldRetry(String name, int code, int failures, String result, int calls, String waits) {
        AtomicInteger made = new AtomicInteger();
        List<Long> slept = new ArrayList<>();
        Supplier<String> create = () -> {
            if (made.incrementAndGet() <= failures) {
                throw new KubernetesClientException("failure " + made.get(), code, null);
            }
            return "node-1";
        };
        RegistrationCall.Sleeper sleeper = wait -> slept.add(wait.toMillis());
        switch (result) {
            case "created" -> assertThat(RegistrationCall.createUnlessExists("node n", create, sleeper)).isEqualTo("node-1");
            case "exists" -> assertThat(RegistrationCall.createUnlessExists("node n", create, sleeper)).isNull();
            default -> assertThatThrownBy(() -> RegistrationCall.createUnlessExists("node n", create, sleeper))
                    .isInstanceOf(KubernetesClientException.class)
                    .hasMessageContaining("registering node n failed after " + calls + " attempt(s): failure " + calls);
        }
        assertThat(made).hasValue(calls);
        assertThat(slept).containsExactlyElementsOf(waits.isBlank() ? List.of()
                : Arrays.stream(waits.split(" ")).map(Long::valueOf).toList());
    }
}
