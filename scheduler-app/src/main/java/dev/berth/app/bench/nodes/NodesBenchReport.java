package dev.berth.app.bench.nodes;

import java.util.List;
import java.util.Locale;
import tools.jackson.databind.json.JsonMapper;

/**
 * What {@code berth bench nodes} measured, as a table for people and one JSON object for scripts.
 *
 * @param reasons why the target was not met; empty when it was
 */
public record NodesBenchReport(int nodes, int pods, int heartbeatSeconds, int leaseDurationSeconds, Phase registration,
                               Phase podCreation, PodStartFigures podStarts, HeartbeatFigures heartbeats,
                               SimulatorFigures simulator, long podCreateErrors, long peakHeapBytes, LoadAverage loadAverage,
                               double seconds, boolean targetMet, List<String> reasons) {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final double MIB = 1024.0 * 1024.0;

    /** How many objects a phase wrote, in how long. */
    public record Phase(int count, double seconds, double perSecond) {
        static Phase of(int count, long nanos) {
            double seconds = nanos / 1e9;
            return new Phase(count, seconds, seconds > 0 ? count / seconds : 0);
        }
    }

    /**
     * @param allRunningSeconds from the first pod's create request to the last pod seen Running
     * @param p50Ms             from a pod's create request (it is created bound) to its Running event
     */
    public record PodStartFigures(int running, double allRunningSeconds, double perSecond, double p50Ms, double p99Ms) {
    }

    /** Renewals seen, their lag behind the heartbeat interval, and the Leases that went unrenewed past their duration. */
    public record HeartbeatFigures(int renewals, double lagP50Ms, double lagP99Ms, double lagMaxMs, int lapsedLeases,
                                   List<String> lapsedNodes) {
    }

    /**
     * The simulator's own side of the heartbeats: renewals it wrote, renewals due while the node's previous one still
     * waited, the longest from a renewal's due time to its answer, and its writes the API refused or failed.
     */
    public record SimulatorFigures(long renewals, long overruns, double maxRenewalLateMs, long apiErrors) {
    }

    /** The machine's one-minute load average at the start and end of the run, and the highest sampled in between. */
    public record LoadAverage(double start, double end, double max) {
    }

    String toText() {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "berth bench nodes: %d simulated nodes (Lease renewed every %d s, lasting %d s),"
                + " %d pods created bound to them, embedded store + shim over HTTPS in one JVM%n",
                nodes, heartbeatSeconds, leaseDurationSeconds, pods));
        b.append(String.format(Locale.ROOT, "%-34s %s%n", "row", "figures"));
        b.append(row("node registration", "%d nodes in %.1f s, %.0f nodes/s", registration.count(), registration.seconds(),
                registration.perSecond()));
        b.append(row("pod creation (bound)", "%d pods in %.1f s, %.0f pods/s, %d failed", podCreation.count(),
                podCreation.seconds(), podCreation.perSecond(), podCreateErrors));
        b.append(row("pods Running", "%d of %d, all after %.1f s, %.0f pods/s", podStarts.running(), pods,
                podStarts.allRunningSeconds(), podStarts.perSecond()));
        b.append(row("bound to Running", "p50 %.0f ms, p99 %.0f ms", podStarts.p50Ms(), podStarts.p99Ms()));
        b.append(row("lease renewals seen", "%d", heartbeats.renewals()));
        b.append(row("renewal lag behind schedule", "p50 %.0f ms, p99 %.0f ms, max %.0f ms", heartbeats.lagP50Ms(),
                heartbeats.lagP99Ms(), heartbeats.lagMaxMs()));
        b.append(row("leases lapsed", "%d%s", heartbeats.lapsedLeases(),
                heartbeats.lapsedNodes().isEmpty() ? "" : " (" + String.join(", ", heartbeats.lapsedNodes()) + ")"));
        b.append(row("simulator renewals written", "%d, %d overran, latest answer %.0f ms after due", simulator.renewals(),
                simulator.overruns(), simulator.maxRenewalLateMs()));
        b.append(row("simulator API errors", "%d", simulator.apiErrors()));
        b.append(row("peak heap", "%.0f MiB", peakHeapBytes / MIB));
        b.append(row("load average (1 min)", "%.1f at start, %.1f at end, %.1f highest", loadAverage.start(),
                loadAverage.end(), loadAverage.max()));
        b.append(row("run", "%.1f s; target %s", seconds, targetMet ? "met" : "NOT met"));
        return b.toString().stripTrailing();
    }

    private static String row(String name, String format, Object... args) {
        return String.format(Locale.ROOT, "%-34s %s%n", name, String.format(Locale.ROOT, format, args));
    }

    String toJson() {
        return JSON.writeValueAsString(this);
    }
}
