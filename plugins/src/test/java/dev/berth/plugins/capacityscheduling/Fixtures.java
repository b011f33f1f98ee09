package dev.berth.plugins.capacityscheduling;

import dev.berth.framework.api.Resource;
import dev.berth.plugins.testing.MakePod;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** ElasticQuotas, quota infos and pods for CapacityScheduling's tests (upstream's {@code makeEQ}, {@code makePod}). */
final class Fixtures {

    static final String GPU = "nvidia.com/gpu";
    static final int MID_PRIORITY = 100;
    static final int HIGH_PRIORITY = 1000;

    private Fixtures() {
    }

    /** Upstream's {@code makePod}: requests of memory (bytes), CPU (millicores) and GPUs; uid = name; placed on {@code node} unless null. */
    static MakePod pod(String name, String namespace, long memory, long milliCpu, long gpu, int priority, String node) {
        Map<String, String> requests = new LinkedHashMap<>();
        requests.put("memory", Long.toString(memory));
        requests.put("cpu", milliCpu + "m");
        requests.put(GPU, Long.toString(gpu));
        MakePod pod = MakePod.pod(name).namespace(namespace).uid(name).priority(priority).container(requests);
        return node == null ? pod : pod.node(node);
    }

    /** Upstream's {@code makeEQ}; a null bound is left unset. */
    static ElasticQuota quota(String namespace, Map<String, String> max, Map<String, String> min) {
        ElasticQuota eq = new ElasticQuota();
        eq.setMetadata(new ObjectMetaBuilder().withNamespace(namespace).withName(namespace + "-eq").build());
        eq.setSpec(new ElasticQuotaSpec(quantities(min), quantities(max)));
        return eq;
    }

    /** Upstream's {@code makeResourceList}: millicores and memory bytes. */
    static Map<String, String> cpuMem(long milliCpu, long memory) {
        return Map.of("cpu", milliCpu + "m", "memory", Long.toString(memory));
    }

    static Map<String, String> mem(long memory) {
        return Map.of("memory", Long.toString(memory));
    }

    private static Map<String, Quantity> quantities(Map<String, String> values) {
        if (values == null) {
            return null;
        }
        Map<String, Quantity> out = new LinkedHashMap<>();
        values.forEach((k, v) -> out.put(k, new Quantity(v)));
        return out;
    }

    /** A resource of CPU (millicores), memory and, if positive, GPUs. */
    static Resource res(long milliCpu, long memory, long gpu) {
        Resource r = new Resource(milliCpu, memory);
        if (gpu > 0) {
            r.set(GPU, gpu);
        }
        return r;
    }

    /** A quota info as upstream's tables write them; a null min or max takes the bound of an unset one. */
    static ElasticQuotaInfo info(String namespace, Resource min, Resource max, Resource used, Set<String> pods) {
        ElasticQuotaInfo unset = ElasticQuotaInfo.of(namespace, null, null);
        return new ElasticQuotaInfo(namespace, min == null ? unset.min() : min, max == null ? unset.max() : max,
                used, pods);
    }
}
