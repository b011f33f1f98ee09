package dev.berth.shim.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NameValidationTest {

    @Test
    void subdomains() {
        for (String valid : List.of("a", "web-1", "a.b.c", "0abc", "x".repeat(253))) {
            assertThat(NameValidation.subdomain(valid, "metadata.name")).as(valid).isEmpty();
        }
        for (String invalid : List.of("", "A", "a_b", "-a", "a-", "a..b", ".a", "a.", "x".repeat(254), "é")) {
            assertThat(NameValidation.subdomain(invalid, "metadata.name")).as(invalid).isNotEmpty()
                    .allSatisfy(cause -> assertThat(cause.field()).isEqualTo("metadata.name"));
        }
    }

    @Test
    void labels() {
        for (String valid : List.of("a", "kube-system", "x".repeat(63))) {
            assertThat(NameValidation.label(valid, "metadata.name")).as(valid).isEmpty();
        }
        for (String invalid : List.of("a.b", "x".repeat(64), "Upper", "-x")) {
            assertThat(NameValidation.label(invalid, "metadata.name")).as(invalid).isNotEmpty();
        }
    }

    @Test
    void messageIsKubeApiserversWording() {
        assertThat(NameValidation.subdomain("Bad", "metadata.name").get(0).message()).isEqualTo("Invalid value: \"Bad\": "
                + "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and "
                + "must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is "
                + "'[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')");
    }

    @Test
    void labelKeysAndValues() {
        for (Map.Entry<String, String> valid : Map.of("app", "web", "example.com/role", "", "a.b_c-d", "V1.0_x",
                "kubernetes.io/hostname", "node-1").entrySet()) {
            assertThat(NameValidation.labels(Map.of(valid.getKey(), valid.getValue()), "metadata.labels"))
                    .as(valid.toString()).isEmpty();
        }
        for (Map.Entry<String, String> invalid : List.of(Map.entry("app", "has space"), Map.entry("Bad_Prefix/x", "v"),
                Map.entry("/x", "v"), Map.entry("example.com/", "v"), Map.entry("-app", "v"),
                Map.entry("app", "x".repeat(64)))) {
            assertThat(NameValidation.labels(Map.of(invalid.getKey(), invalid.getValue()), "metadata.labels"))
                    .as(invalid.toString()).isNotEmpty();
        }
    }
}
