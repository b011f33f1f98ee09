package dev.berth.shim.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
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
}
