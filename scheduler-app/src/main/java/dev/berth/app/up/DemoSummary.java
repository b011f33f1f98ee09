package dev.berth.app.up;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Where the demo's pods are: bound (node and zone), or pending with the scheduler's reason. Value-equal snapshots
 * tell when the demo has stopped changing.
 */
record DemoSummary(List<Placed> placed, List<Pending> pending) {

    record Placed(String pod, String node, String zone) {
    }

    record Pending(String pod, String reason) {
    }

    static DemoSummary of(KubernetesClient client, String namespace) {
        Map<String, String> zones = client.nodes().list().getItems().stream().collect(Collectors.toMap(
                n -> n.getMetadata().getName(), DemoSummary::zone, (a, b) -> a, TreeMap::new));
        List<Pod> pods = client.pods().inNamespace(namespace).list().getItems();
        List<Placed> placed = pods.stream().filter(p -> p.getSpec().getNodeName() != null)
                .map(p -> new Placed(p.getMetadata().getName(), p.getSpec().getNodeName(),
                        zones.getOrDefault(p.getSpec().getNodeName(), "?")))
                .sorted(Comparator.comparing(Placed::pod)).toList();
        List<Pending> pending = pods.stream().filter(p -> p.getSpec().getNodeName() == null)
                .map(p -> new Pending(p.getMetadata().getName(), nominated(p) ? "" : unscheduledReason(p).orElse("")))
                .sorted(Comparator.comparing(Pending::pod)).toList();
        return new DemoSummary(placed, pending);
    }

    private static String zone(Node node) {
        return node.getMetadata().getLabels() == null ? "?"
                : node.getMetadata().getLabels().getOrDefault("topology.kubernetes.io/zone", "?");
    }

    /** A preemptor waits for its victims to leave: it is not settled, whatever its last attempt said. */
    private static boolean nominated(Pod pod) {
        return pod.getStatus() != null && pod.getStatus().getNominatedNodeName() != null
                && !pod.getStatus().getNominatedNodeName().isEmpty();
    }

    private static Optional<String> unscheduledReason(Pod pod) {
        if (pod.getStatus() == null || pod.getStatus().getConditions() == null) {
            return Optional.empty();
        }
        return pod.getStatus().getConditions().stream()
                .filter(c -> "PodScheduled".equals(c.getType()) && "False".equals(c.getStatus()))
                .map(PodCondition::getMessage).findFirst();
    }

    /** Every pod is bound or has the scheduler's reason why not (and is not waiting for a preemption). */
    boolean settled() {
        return pending.stream().noneMatch(p -> p.reason().isEmpty());
    }

    String progressLine() {
        long waiting = pending.stream().filter(p -> p.reason().isEmpty()).count();
        return String.format("berth up: demo pods scheduled %d, unschedulable %d, waiting %d", placed.size(),
                pending.size() - waiting, waiting);
    }

    /** What the demo is meant to show and did not, e.g. a spread that is uneven; empty when all went as meant. */
    List<String> problems() {
        List<String> problems = new ArrayList<>();
        Map<String, Long> webPerZone = placed.stream().filter(p -> p.pod().startsWith("web-"))
                .collect(Collectors.groupingBy(Placed::zone, Collectors.counting()));
        long webPlaced = webPerZone.values().stream().mapToLong(Long::longValue).sum();
        if (webPlaced != 12 || webPerZone.size() != 3
                || Collections.max(webPerZone.values()) - Collections.min(webPerZone.values()) > 1) {
            problems.add("web: expected 12 pods spread evenly over 3 zones, got " + webPerZone);
        }
        List<String> cacheNodes = placed.stream().filter(p -> p.pod().startsWith("cache-")).map(Placed::node).toList();
        if (cacheNodes.size() != 4 || cacheNodes.stream().distinct().count() != 4) {
            problems.add("cache: expected 4 pods on 4 different nodes, got " + cacheNodes);
        }
        if (placed.stream().noneMatch(p -> p.pod().equals("urgent") && p.node().equals("node-0000"))) {
            problems.add("urgent: expected to preempt batch and run on node-0000");
        }
        if (placed.stream().anyMatch(p -> p.pod().equals("batch"))) {
            problems.add("batch: expected to be preempted by urgent");
        }
        if (pending.stream().noneMatch(p -> p.pod().equals("too-big") && p.reason().contains("Insufficient cpu"))) {
            problems.add("too-big: expected to stay pending with \"Insufficient cpu\"");
        }
        long gangPlaced = placed.stream().filter(p -> p.pod().startsWith("gang-")).count();
        if (gangPlaced != 3) {
            problems.add("gang: expected all 3 pods of PodGroup gang bound together, got " + gangPlaced);
        }
        return problems;
    }

    /** The table {@code berth up --demo} ends with. */
    String table() {
        StringBuilder out = new StringBuilder();
        Map<String, Long> perZone = placed.stream().collect(Collectors.groupingBy(Placed::zone, TreeMap::new,
                Collectors.counting()));
        out.append("Pods per zone:\n");
        perZone.forEach((zone, count) -> out.append(String.format("  %-10s %d%n", zone, count)));
        out.append("Pods per node:\n");
        Map<String, List<Placed>> perNode = placed.stream().collect(Collectors.groupingBy(Placed::node, TreeMap::new,
                Collectors.toList()));
        out.append(String.format("  %-12s %-8s %s%n", "NODE", "ZONE", "PODS"));
        perNode.forEach((node, pods) -> out.append(String.format("  %-12s %-8s %s%n", node, pods.get(0).zone(),
                pods.stream().map(Placed::pod).collect(Collectors.joining(" ")))));
        out.append("Pending pods:\n");
        if (pending.isEmpty()) {
            out.append("  none\n");
        }
        pending.forEach(p -> out.append(String.format("  %-12s %s%n", p.pod(), p.reason().isEmpty() ? "(not tried yet)"
                : p.reason())));
        return out.toString();
    }
}
