package dev.berth.shim.resource;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ResourceCatalogTest {

    private final ResourceCatalog catalog = ResourceCatalog.standard();

    @Test
    void findsTypesByUrlAndByKind() {
        assertThat(catalog.find("", "v1", "pods")).get().extracting(ResourceType::kind).isEqualTo("Pod");
        assertThat(catalog.findByKind("coordination.k8s.io/v1", "Lease")).get()
                .extracting(ResourceType::groupVersionPath).isEqualTo("/apis/coordination.k8s.io/v1");
        assertThat(catalog.find("", "v1", "leases")).isEmpty();
    }

    @Test
    void shortNamesAndResourceNamesAreUniqueWithinAGroup() {
        Set<String> seen = new HashSet<>();
        for (ResourceType type : catalog.all()) {
            assertThat(seen.add(type.group() + "/" + type.resource())).as(type.qualifiedName()).isTrue();
        }
        Set<String> shortNames = new HashSet<>();
        catalog.all().stream().filter(t -> !t.group().equals("events.k8s.io"))
                .forEach(t -> t.shortNames().forEach(s -> assertThat(shortNames.add(s)).as(s).isTrue()));
    }

    @Test
    void groupVersionsKeepDiscoveryOrderWithCoreFirst() {
        assertThat(catalog.groupVersions().keySet()).first().isEqualTo("");
        assertThat(catalog.groupVersions().get("scheduling.x-k8s.io")).isEqualTo(List.of("v1alpha1"));
        assertThat(catalog.inGroupVersion("storage.k8s.io", "v1")).extracting(ResourceType::resource)
                .containsExactly("storageclasses", "csinodes");
    }
}
