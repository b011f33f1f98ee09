package dev.berth.plugins.trimaran.targetloadpacking;

import dev.berth.framework.api.Resource;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.List;
import java.util.Map;

/**
 * What a pod is predicted to use of a node's CPU once it runs (upstream's {@code PredictUtilisation} summed over
 * the containers, plus the pod overhead): a container's CPU limit when it has one, else its CPU request times the
 * multiplier, else the default request. Init containers do not count, as upstream: they finish before the rest run.
 */
final class PredictedCpu {

    private final long defaultMilliCpu;
    private final double requestsMultiplier;

    PredictedCpu(long defaultMilliCpu, double requestsMultiplier) {
        this.defaultMilliCpu = defaultMilliCpu;
        this.requestsMultiplier = requestsMultiplier;
    }

    static PredictedCpu of(TargetLoadPackingArgs args) {
        return new PredictedCpu(args.defaultRequestsMilliCpu(), args.requestsMultiplier());
    }

    /** The pod's predicted CPU, in millicores. */
    long milliCpu(Pod pod) {
        long sum = 0;
        List<Container> containers = pod.getSpec().getContainers();
        if (containers != null) {
            for (Container c : containers) {
                sum += containerMilliCpu(c);
            }
        }
        return sum + cpuOf(pod.getSpec().getOverhead());
    }

    private long containerMilliCpu(Container c) {
        Map<String, Quantity> limits = c.getResources() == null ? null : c.getResources().getLimits();
        Map<String, Quantity> requests = c.getResources() == null ? null : c.getResources().getRequests();
        if (limits != null && limits.containsKey(Resource.CPU)) {
            return cpuOf(limits);
        }
        if (requests != null && requests.containsKey(Resource.CPU)) {
            return Math.round(cpuOf(requests) * requestsMultiplier);
        }
        return defaultMilliCpu;
    }

    private static long cpuOf(Map<String, Quantity> list) {
        Quantity cpu = list == null ? null : list.get(Resource.CPU);
        return cpu == null ? 0 : Resource.toLong(Resource.CPU, cpu);
    }
}
