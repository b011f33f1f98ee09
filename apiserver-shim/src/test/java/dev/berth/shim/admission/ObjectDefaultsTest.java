package dev.berth.shim.admission;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.shim.json.Json;
import dev.berth.shim.resource.ResourceCatalog;
import dev.berth.shim.resource.ResourceType;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class ObjectDefaultsTest {
    private static final ResourceCatalog CATALOG = ResourceCatalog.standard();
    private static final ResourceType PODS = CATALOG.find("", "v1", "pods").orElseThrow();
    private static final ResourceType NAMESPACES = CATALOG.find("", "v1", "namespaces").orElseThrow();
    private static final ResourceType CONFIGMAPS = CATALOG.find("", "v1", "configmaps").orElseThrow();

    private static ObjectNode parse(String json) {
        return (ObjectNode) Json.MAPPER.readTree(json);
    }

    @Test
    void podDefaults() {
        ObjectNode pod = parse("{\"spec\":{\"containers\":[{\"name\":\"a\",\"image\":\"nginx\"},"
                + "{\"name\":\"b\",\"image\":\"nginx:1.27\"}]}}");
        ObjectDefaults.applyOnCreate(PODS, pod);
        assertThat(pod.path("spec").path("schedulerName").stringValue()).isEqualTo("default-scheduler");
        assertThat(pod.path("spec").path("restartPolicy").stringValue()).isEqualTo("Always");
        assertThat(pod.path("spec").path("terminationGracePeriodSeconds").asLong()).isEqualTo(30);
        assertThat(pod.path("status").path("phase").stringValue()).isEqualTo("Pending");
        assertThat(pod.path("spec").path("containers").get(0).path("imagePullPolicy").stringValue()).isEqualTo("Always");
        assertThat(pod.path("spec").path("containers").get(1).path("imagePullPolicy").stringValue()).isEqualTo("IfNotPresent");
    }

    @Test
    void explicitValuesAreKept() {
        ObjectNode pod = parse("{\"spec\":{\"schedulerName\":\"berth\",\"terminationGracePeriodSeconds\":5,"
                + "\"containers\":[]},\"status\":{\"phase\":\"Running\"}}");
        ObjectDefaults.applyOnCreate(PODS, pod);
        assertThat(pod.path("spec").path("schedulerName").stringValue()).isEqualTo("berth");
        assertThat(pod.path("spec").path("terminationGracePeriodSeconds").asLong()).isEqualTo(5);
        assertThat(pod.path("status").path("phase").stringValue()).isEqualTo("Running");
    }

    @Test
    void namespaceDefaultsAndNothingForOtherKinds() {
        ObjectNode namespace = parse("{}");
        ObjectDefaults.applyOnCreate(NAMESPACES, namespace);
        assertThat(namespace.path("status").path("phase").stringValue()).isEqualTo("Active");
        assertThat(namespace.path("spec").path("finalizers").get(0).stringValue()).isEqualTo("kubernetes");
        ObjectNode configMap = parse("{\"data\":{}}");
        ObjectDefaults.applyOnCreate(CONFIGMAPS, configMap);
        assertThat(configMap).isEqualTo(parse("{\"data\":{}}"));
    }

    @Test
    void newObjectMetadataIsServerOwned() {
        ObjectNode object = parse("{\"metadata\":{\"generateName\":\"web-\",\"resourceVersion\":\"7\","
                + "\"uid\":\"mine\",\"deletionTimestamp\":\"2020-01-01T00:00:00Z\"}}");
        NewObjectMetadata.fill(object, Instant.parse("2026-01-02T03:04:05.678Z"));
        ObjectNode metadata = (ObjectNode) object.get("metadata");
        assertThat(metadata.path("name").stringValue()).matches("web-[bcdfghjklmnpqrstvwxz2456789]{5}");
        assertThat(metadata.path("uid").stringValue()).isNotEqualTo("mine").hasSize(36);
        assertThat(metadata.path("creationTimestamp").stringValue()).isEqualTo("2026-01-02T03:04:05Z");
        assertThat(metadata.path("generation").asLong()).isEqualTo(1);
        assertThat(metadata.has("resourceVersion")).isFalse();
        assertThat(metadata.has("deletionTimestamp")).isFalse();
    }

    @Test
    void requestsDefaultToLimitsAndTheQosClassFollows() {
        record Case(String resources, String qos) {
        }
        List<Case> cases = List.of(
                new Case("{}", "BestEffort"),
                new Case("{\"limits\":{\"cpu\":\"1\",\"memory\":\"1Gi\"}}", "Guaranteed"),
                new Case("{\"limits\":{\"cpu\":\"1\",\"memory\":\"1Gi\"},\"requests\":{\"cpu\":\"1000m\"}}", "Guaranteed"),
                new Case("{\"limits\":{\"cpu\":\"1\",\"memory\":\"1Gi\"},\"requests\":{\"cpu\":\"500m\"}}", "Burstable"),
                new Case("{\"requests\":{\"cpu\":\"100m\"}}", "Burstable"),
                new Case("{\"limits\":{\"cpu\":\"1\"}}", "Burstable"));
        for (Case c : cases) {
            ObjectNode pod = parse("{\"spec\":{\"containers\":[{\"name\":\"a\",\"image\":\"x:1\",\"resources\":"
                    + c.resources() + "}]}}");
            ObjectDefaults.applyOnCreate(PODS, pod);
            assertThat(pod.path("status").path("qosClass").stringValue()).as(c.resources()).isEqualTo(c.qos());
        }
        ObjectNode limited = parse("{\"spec\":{\"containers\":[{\"name\":\"a\",\"image\":\"x:1\","
                + "\"resources\":{\"limits\":{\"cpu\":\"2\"},\"requests\":{\"memory\":\"1Gi\"}}}]}}");
        ObjectDefaults.applyOnCreate(PODS, limited);
        assertThat(limited.path("spec").path("containers").get(0).path("resources").path("requests").toString())
                .isEqualTo("{\"memory\":\"1Gi\",\"cpu\":\"2\"}");
    }

    @Test
    void podsTolerateUnreachableNodesForFiveMinutesUnlessTheySayOtherwise() {
        ObjectNode plain = parse("{\"spec\":{\"containers\":[]}}");
        ObjectDefaults.applyOnCreate(PODS, plain);
        assertThat(plain.path("spec").path("tolerations").toString()).isEqualTo("[{\"key\":\"node.kubernetes.io/not-ready\","
                + "\"operator\":\"Exists\",\"effect\":\"NoExecute\",\"tolerationSeconds\":300},{\"key\":"
                + "\"node.kubernetes.io/unreachable\",\"operator\":\"Exists\",\"effect\":\"NoExecute\",\"tolerationSeconds\":300}]");
        ObjectNode own = parse("{\"spec\":{\"containers\":[],\"tolerations\":[{\"key\":\"node.kubernetes.io/unreachable\","
                + "\"operator\":\"Exists\",\"effect\":\"NoExecute\",\"tolerationSeconds\":10}]}}");
        ObjectDefaults.applyOnCreate(PODS, own);
        assertThat(own.path("spec").path("tolerations").size()).isEqualTo(2);
        assertThat(own.path("spec").path("tolerations").get(0).path("tolerationSeconds").asLong()).isEqualTo(10);
    }
}
