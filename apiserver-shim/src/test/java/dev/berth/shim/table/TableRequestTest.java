package dev.berth.shim.table;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.shim.table.TableRequest.IncludeObject;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TableRequestTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "none", textBlock = """
            application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json | v1
            application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json      | v1beta1
            application/json; as=Table; v=v1; g=meta.k8s.io                        | v1
            application/json;as=Table;v=v2;g=meta.k8s.io,application/json;as=Table;v=v1;g=meta.k8s.io | v1
            application/json                                                       | none
            application/json,application/json;as=Table;v=v1;g=meta.k8s.io          | none
            application/json;as=PartialObjectMetadataList;v=v1;g=meta.k8s.io        | none
            application/vnd.kubernetes.protobuf;as=Table;v=v1;g=meta.k8s.io         | none
            */*                                                                    | none
            none                                                                   | none
            """)
    void negotiatesTheTableKubectlAsksFor(String accept, String version) {
        assertThat(TableRequest.negotiate(accept)).isEqualTo(
                Optional.ofNullable(version).map(v -> new TableRequest(v, IncludeObject.METADATA, true)));
    }

    @ParameterizedTest
    @CsvSource(nullValues = "none", textBlock = """
            None,     NONE
            Metadata, METADATA
            Object,   OBJECT
            none,     METADATA
            """)
    void includeObjectDefaultsToMetadata(String query, IncludeObject expected) {
        assertThat(IncludeObject.fromQuery(query)).isEqualTo(expected);
    }
}
