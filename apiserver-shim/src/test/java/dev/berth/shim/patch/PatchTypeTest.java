package dev.berth.shim.patch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PatchTypeTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "none", textBlock = """
            application/json-patch+json                   | JSON_PATCH
            application/merge-patch+json                  | MERGE_PATCH
            application/strategic-merge-patch+json        | STRATEGIC_MERGE_PATCH
            application/merge-patch+json; charset=utf-8   | MERGE_PATCH
            Application/Strategic-Merge-Patch+JSON        | STRATEGIC_MERGE_PATCH
            application/json                              | none
            application/apply-patch+yaml                  | none
            """)
    void recognisesTheContentTypesKubectlSends(String contentType, PatchType expected) {
        assertThat(PatchType.fromContentType(contentType)).isEqualTo(Optional.ofNullable(expected));
    }

    @org.junit.jupiter.api.Test
    void noContentTypeIsNoPatchType() {
        assertThat(PatchType.fromContentType(null)).isEmpty();
    }
}
