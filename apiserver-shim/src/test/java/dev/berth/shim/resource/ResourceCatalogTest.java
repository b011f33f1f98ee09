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

    @Test
    void podsNamespacesAndCustomResourcesAnswerADeleteWithTheObject() {
        for (String[] returning : new String[][] {{"", "pods"}, {"", "namespaces"}, {"scheduling.x-k8s.io", "podgroups"}}) {
            assertThat(catalog.all().stream().filter(t -> t.group().equals(returning[0])
                    && t.resource().equals(returning[1])).findFirst().orElseThrow().returnsDeletedObject()).isTrue();
        }
        for (String[] status : new String[][] {{"", "configmaps"}, {"coordination.k8s.io", "leases"}, {"apps", "deployments"},
                {"rbac.authorization.k8s.io", "roles"}}) {
            assertThat(catalog.all().stream().filter(t -> t.group().equals(status[0])
                    && t.resource().equals(status[1])).findFirst().orElseThrow().returnsDeletedObject()).isFalse();
        }
    }
}
