package dev.berth.shim.table;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;

/** {@code kubectl get nodes}: NAME STATUS ROLES AGE VERSION, wide INTERNAL-IP … CONTAINER-RUNTIME. */
final class NodePrinter implements Printer {

    private static final String ROLE_LABEL_PREFIX = "node-role.kubernetes.io/";
    private static final String LEGACY_ROLE_LABEL = "kubernetes.io/role";

    @Override
    public List<Column> columns() {
        return List.of(Column.NAME,
                Column.normal("Status", "The status of the node"),
                Column.normal("Roles", "The roles of the node"),
                Column.AGE,
                Column.normal("Version", "Kubelet Version reported by the node."),
                Column.wide("Internal-IP", "List of addresses reachable to the node."),
                Column.wide("External-IP", "List of addresses reachable to the node."),
                Column.wide("OS-Image", "OS Image reported by the node from /etc/os-release (e.g. Debian GNU/Linux 7 "
                        + "(wheezy))."),
                Column.wide("Kernel-Version", "Kernel Version reported by the node from 'uname -r' (e.g. "
                        + "3.16.0-0.bpo.4-amd64)."),
                Column.wide("Container-Runtime", "ContainerRuntime Version reported by the node through runtime "
                        + "remote API (e.g. containerd://1.4.2)."));
    }

    @Override
    public List<Object> cells(JsonNode node, Instant now) {
        JsonNode metadata = node.path("metadata");
        JsonNode info = node.path("status").path("nodeInfo");
        return List.of(Printer.text(metadata.get("name")), status(node), roles(metadata.path("labels")),
                Printer.age(metadata.get("creationTimestamp"), now), Printer.text(info.get("kubeletVersion")),
                address(node, "InternalIP"), address(node, "ExternalIP"),
                Printer.orElse(Printer.text(info.get("osImage")), "<unknown>"),
                Printer.orElse(Printer.text(info.get("kernelVersion")), "<unknown>"),
                Printer.orElse(Printer.text(info.get("containerRuntimeVersion")), "<unknown>"));
    }

    /** Ready, NotReady (any status but True) or Unknown (no Ready condition), then SchedulingDisabled if cordoned. */
    private static String status(JsonNode node) {
        List<String> status = new ArrayList<>();
        for (JsonNode condition : node.path("status").path("conditions")) {
            if (Printer.text(condition.get("type")).equals("Ready")) {
                status.clear();
                status.add(Printer.text(condition.get("status")).equals("True") ? "Ready" : "NotReady");
            }
        }
        if (status.isEmpty()) {
            status.add("Unknown");
        }
        if (node.path("spec").path("unschedulable").asBoolean(false)) {
            status.add("SchedulingDisabled");
        }
        return String.join(",", status);
    }

    /** The sorted roles named by {@code node-role.kubernetes.io/<role>} labels and the legacy role label. */
    private static String roles(JsonNode labels) {
        TreeSet<String> roles = new TreeSet<>();
        for (String key : labels.propertyNames()) {
            if (key.startsWith(ROLE_LABEL_PREFIX) && key.length() > ROLE_LABEL_PREFIX.length()) {
                roles.add(key.substring(ROLE_LABEL_PREFIX.length()));
            } else if (key.equals(LEGACY_ROLE_LABEL) && !Printer.text(labels.get(key)).isEmpty()) {
                roles.add(Printer.text(labels.get(key)));
            }
        }
        return roles.isEmpty() ? "<none>" : String.join(",", roles);
    }

    private static String address(JsonNode node, String type) {
        for (JsonNode address : node.path("status").path("addresses")) {
            if (Printer.text(address.get("type")).equals(type)) {
                return Printer.text(address.get("address"));
            }
        }
        return "<none>";
    }
}
