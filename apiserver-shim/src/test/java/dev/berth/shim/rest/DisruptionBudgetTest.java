package dev.berth.shim.rest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.shim.json.Json;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class DisruptionBudgetTest {

    private static JsonNode pod(String app, String phase, String ready) {
        return Json.MAPPER.readTree("{\"metadata\":{\"name\":\"p\",\"labels\":{\"app\":\"" + app + "\"}},"
                + "\"status\":{\"phase\":\"" + phase + "\",\"conditions\":[{\"type\":\"Ready\",\"status\":\"" + ready + "\"}]}}");
    }

    private static JsonNode budget(String spec) {
        return Json.MAPPER.readTree("{\"metadata\":{\"name\":\"b\"},\"spec\":{" + spec
                + ",\"selector\":{\"matchExpressions\":[{\"key\":\"app\",\"operator\":\"In\",\"values\":[\"db\"]}]}}}");
    }

    record Case(String spec, long allowed, long desired) {
    }

    @Test
    void computesAllowedDisruptionsLikeTheDisruptionController() {
        List<JsonNode> pods = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            pods.add(pod("db", "Running", "True"));
        }
        pods.add(pod("db", "Running", "False"));
        pods.add(pod("db", "Succeeded", "False"));
        pods.add(pod("web", "Running", "True"));
        // 4 expected pods (the finished one and the web pod do not count), 3 of them healthy.
        List<Case> cases = List.of(
                new Case("\"minAvailable\":1", 2, 1),
                new Case("\"minAvailable\":3", 0, 3),
                new Case("\"minAvailable\":\"50%\"", 1, 2),
                new Case("\"minAvailable\":\"60%\"", 0, 3),
                new Case("\"maxUnavailable\":1", 0, 3),
                new Case("\"maxUnavailable\":2", 1, 2),
                new Case("\"maxUnavailable\":\"25%\"", 0, 3),
                new Case("\"minAvailable\":5", 0, 5));
        for (Case c : cases) {
            DisruptionBudget budget = DisruptionBudget.of(budget(c.spec()), pods);
            assertThat(budget.allowed()).as(c.spec()).isEqualTo(c.allowed());
            assertThat(budget.desiredHealthy()).as(c.spec()).isEqualTo(c.desired());
            assertThat(budget.currentHealthy()).as(c.spec()).isEqualTo(3);
            assertThat(budget.statusMaintained()).isFalse();
        }
    }

    @Test
    void aMaintainedStatusIsTakenAsItIs() {
        JsonNode maintained = Json.MAPPER.readTree("{\"metadata\":{\"name\":\"b\"},\"spec\":{\"minAvailable\":1},"
                + "\"status\":{\"observedGeneration\":1,\"disruptionsAllowed\":4,\"desiredHealthy\":1,\"currentHealthy\":5}}");
        DisruptionBudget budget = DisruptionBudget.of(maintained, List.of());
        assertThat(budget.allowed()).isEqualTo(4);
        assertThat(budget.statusMaintained()).isTrue();
    }
}
