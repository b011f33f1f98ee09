package dev.berth.app.bench;

import dev.berth.app.UsageException;
import java.util.List;

/** The workloads shipped in berth.jar ({@code workloads/<name>.yaml}). */
public final class Workloads {

    /** Their names, in the order of upstream's performance-config.yaml. */
    public static final List<String> NAMES = List.of("SchedulingBasic", "SchedulingPodAntiAffinity", "SchedulingPodAffinity",
            "SchedulingNodeAffinity", "TopologySpreading", "PreferredTopologySpreading", "PreemptionBasic", "Unschedulable",
            "SchedulingWithMixedChurn", "Coscheduling");

    private Workloads() {
    }

    /** @throws UsageException naming {@code --workload} when no workload has that name */
    public static Workload byName(String name) {
        if (!NAMES.contains(name)) {
            throw new UsageException("--workload: unknown workload \"" + name + "\"; choose one of " + NAMES);
        }
        return WorkloadReader.shipped(name);
    }
}
