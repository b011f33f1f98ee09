package dev.berth.framework.api;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongBinaryOperator;

/**
 * Resource amounts as plain longs (upstream's {@code framework.Resource}): CPU in millicores, memory
 * and ephemeral storage in bytes, extended and hugepage resources in their integer units. Parsed from
 * {@link Quantity} once, so no plugin parses quantities on the hot path. Mutable; the framework hands
 * plugins copies or objects it no longer changes.
 */
public final class Resource {

    public static final String CPU = "cpu";
    public static final String MEMORY = "memory";
    public static final String EPHEMERAL_STORAGE = "ephemeral-storage";
    public static final String PODS = "pods";

    /** CPU assumed for a container without a CPU request when spreading load (upstream: 100m). */
    public static final long DEFAULT_MILLI_CPU_REQUEST = 100;
    /** Memory assumed for a container without a memory request when spreading load (upstream: 200Mi). */
    public static final long DEFAULT_MEMORY_REQUEST = 200L * 1024 * 1024;

    private static final String NATIVE_DOMAIN = "kubernetes.io/";
    private static final BigDecimal THOUSAND = BigDecimal.valueOf(1000);

    private long milliCpu;
    private long memory;
    private long ephemeralStorage;
    private long allowedPodNumber;
    private final Map<String, Long> scalarResources;

    public Resource() {
        this.scalarResources = new HashMap<>();
    }

    public Resource(long milliCpu, long memory) {
        this();
        this.milliCpu = milliCpu;
        this.memory = memory;
    }

    /** Parses a resource list such as a container's requests or a node's allocatable; null is empty. */
    public static Resource of(Map<String, Quantity> list) {
        Resource r = new Resource();
        if (list != null) {
            list.forEach((name, quantity) -> r.set(name, toLong(name, quantity)));
        }
        return r;
    }

    /** A quantity as the long the scheduler uses for that resource: millicores for CPU, else the value rounded up. */
    public static long toLong(String resourceName, Quantity quantity) {
        BigDecimal amount = quantity.getNumericalAmount();
        if (CPU.equals(resourceName)) {
            amount = amount.multiply(THOUSAND);
        }
        return amount.setScale(0, RoundingMode.CEILING).longValueExact();
    }

    /**
     * The pod's effective requests as upstream computes them: the sum of its containers, restartable
     * (sidecar) init containers added to it, each plain init container's request plus the sidecars
     * started before it taken as a floor, and the pod overhead on top.
     */
    public static Resource podRequests(Pod pod) {
        return podRequests(pod, false);
    }

    /**
     * Like {@link #podRequests(Pod)}, but a container without a CPU or memory request counts as
     * {@link #DEFAULT_MILLI_CPU_REQUEST} / {@link #DEFAULT_MEMORY_REQUEST} (upstream's "non-zero" requests,
     * used for spreading scores).
     */
    public static Resource podNonZeroRequests(Pod pod) {
        return podRequests(pod, true);
    }

    private static Resource podRequests(Pod pod, boolean nonZero) {
        Resource total = new Resource();
        var spec = pod.getSpec();
        if (spec == null) {
            return total;
        }
        for (Container c : nullSafe(spec.getContainers())) {
            total.add(containerRequests(c, nonZero));
        }
        Resource sidecars = new Resource();
        Resource initFloor = new Resource();
        for (Container c : nullSafe(spec.getInitContainers())) {
            Resource req = containerRequests(c, nonZero);
            if ("Always".equals(c.getRestartPolicy())) {
                total.add(req);
                sidecars.add(req);
                initFloor.setMax(sidecars);
            } else {
                Resource withSidecars = req.copy();
                withSidecars.add(sidecars);
                initFloor.setMax(withSidecars);
            }
        }
        total.setMax(initFloor);
        if (spec.getOverhead() != null) {
            total.add(of(spec.getOverhead()));
        }
        return total;
    }

    private static Resource containerRequests(Container c, boolean nonZero) {
        Map<String, Quantity> requests = c.getResources() == null ? null : c.getResources().getRequests();
        Resource r = of(requests);
        if (nonZero) {
            if (requests == null || !requests.containsKey(CPU)) {
                r.milliCpu = DEFAULT_MILLI_CPU_REQUEST;
            }
            if (requests == null || !requests.containsKey(MEMORY)) {
                r.memory = DEFAULT_MEMORY_REQUEST;
            }
        }
        return r;
    }

    private static <T> List<T> nullSafe(List<T> list) {
        return list == null ? List.of() : list;
    }

    /** Sets one resource by its Kubernetes name. */
    public void set(String name, long value) {
        switch (name) {
            case CPU -> milliCpu = value;
            case MEMORY -> memory = value;
            case EPHEMERAL_STORAGE -> ephemeralStorage = value;
            case PODS -> allowedPodNumber = value;
            default -> {
                if (isScalarResourceName(name)) {
                    scalarResources.put(name, value);
                }
            }
        }
    }

    /** One resource by its Kubernetes name; 0 if absent. */
    public long get(String name) {
        return switch (name) {
            case CPU -> milliCpu;
            case MEMORY -> memory;
            case EPHEMERAL_STORAGE -> ephemeralStorage;
            case PODS -> allowedPodNumber;
            default -> scalarResources.getOrDefault(name, 0L);
        };
    }

    /**
     * What upstream keeps in {@code ScalarResources}: extended resources, resources prefixed with a
     * {@code kubernetes.io/} domain, hugepages and attachable volumes.
     */
    public static boolean isScalarResourceName(String name) {
        return isExtendedResourceName(name) || name.contains(NATIVE_DOMAIN) || name.startsWith("hugepages-")
                || name.startsWith("attachable-volumes-");
    }

    /** An extended resource: a domain-qualified name outside {@code kubernetes.io} that is not a quota name. */
    public static boolean isExtendedResourceName(String name) {
        boolean isNative = !name.contains("/") || name.contains(NATIVE_DOMAIN);
        return !isNative && !name.startsWith("requests.");
    }

    /** Adds {@code other} into this. */
    public void add(Resource other) {
        combine(other, Long::sum);
    }

    /** Subtracts {@code other} from this. */
    public void subtract(Resource other) {
        combine(other, (a, b) -> a - b);
    }

    /** Takes, per resource, the larger of this and {@code other}. */
    public void setMax(Resource other) {
        combine(other, Math::max);
    }

    private void combine(Resource other, LongBinaryOperator op) {
        milliCpu = op.applyAsLong(milliCpu, other.milliCpu);
        memory = op.applyAsLong(memory, other.memory);
        ephemeralStorage = op.applyAsLong(ephemeralStorage, other.ephemeralStorage);
        allowedPodNumber = op.applyAsLong(allowedPodNumber, other.allowedPodNumber);
        other.scalarResources.forEach((k, v) -> scalarResources.put(k, op.applyAsLong(scalarResources.getOrDefault(k, 0L), v)));
    }

    public Resource copy() {
        Resource r = new Resource(milliCpu, memory);
        r.ephemeralStorage = ephemeralStorage;
        r.allowedPodNumber = allowedPodNumber;
        r.scalarResources.putAll(scalarResources);
        return r;
    }

    public long milliCpu() {
        return milliCpu;
    }

    public long memory() {
        return memory;
    }

    public long ephemeralStorage() {
        return ephemeralStorage;
    }

    public long allowedPodNumber() {
        return allowedPodNumber;
    }

    /** Extended, hugepage and attachable-volume resources by name (read-only view). */
    public Map<String, Long> scalarResources() {
        return java.util.Collections.unmodifiableMap(scalarResources);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Resource r && r.milliCpu == milliCpu && r.memory == memory
                && r.ephemeralStorage == ephemeralStorage && r.allowedPodNumber == allowedPodNumber
                && r.scalarResources.equals(scalarResources);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(milliCpu, memory, ephemeralStorage, allowedPodNumber, scalarResources);
    }

    @Override
    public String toString() {
        return "Resource{cpu=" + milliCpu + "m, memory=" + memory + ", ephemeral-storage=" + ephemeralStorage
                + ", pods=" + allowedPodNumber + (scalarResources.isEmpty() ? "" : ", " + scalarResources) + "}";
    }
}
