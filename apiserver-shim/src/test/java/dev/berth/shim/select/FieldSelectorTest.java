package dev.berth.shim.select;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.shim.error.ApiException;
import dev.berth.shim.json.Json;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class FieldSelectorTest {
    private static final Set<String> POD_FIELDS =
            Set.of("metadata.name", "metadata.namespace", "spec.nodeName", "spec.schedulerName", "status.phase");
    private static final JsonNode POD = Json.MAPPER.readTree("{\"metadata\":{\"name\":\"p\",\"namespace\":\"ns\"},"
            + "\"spec\":{\"schedulerName\":\"berth\"},\"status\":{\"phase\":\"Pending\"}}");

    record Case(String selector, boolean matches) {
    }

    @Test
    void matchesFieldsWithEqualityOperators() {
        List<Case> cases = List.of(
                new Case("metadata.name=p", true),
                new Case("metadata.name==p", true),
                new Case("metadata.name!=p", false),
                new Case("metadata.namespace=ns,status.phase=Pending", true),
                new Case("spec.nodeName=", true),
                new Case("spec.nodeName!=", false),
                new Case("spec.schedulerName=default-scheduler", false),
                new Case("status.phase!=Running", true));
        for (Case c : cases) {
            assertThat(FieldSelector.parse(c.selector(), POD_FIELDS).matches(POD)).as(c.selector()).isEqualTo(c.matches());
        }
    }

    @Test
    void unsupportedFieldsAndMalformedTermsAre400() {
        for (String bad : List.of("spec.containers=x", "metadata.name", "=x")) {
            assertThatThrownBy(() -> FieldSelector.parse(bad, POD_FIELDS)).as(bad)
                    .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(400));
        }
    }
}
