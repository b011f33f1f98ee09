package dev.berth.app.bench;

import dev.berth.app.UsageException;
import dev.berth.framework.config.YamlErrors;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.scheduling.v1.PriorityClass;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads a workload file (YAML, the shape of scheduler_perf's performance-config entries with their templates
 * inlined). Every problem is a {@link UsageException} naming the file and the field.
 */
public final class WorkloadReader {

    /** Where the workloads shipped in berth.jar live on the classpath. */
    static final String RESOURCE_DIR = "workloads/";

    private static final YAMLMapper YAML = YAMLMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    private static final Set<String> TOP_FIELDS = Set.of("name", "description", "ciFloorPodsPerSecond", "sizes", "warmupPods",
            "nodeTemplate", "zones", "priorityClasses", "initPods", "measurePods", "churn", "profile");
    private static final Set<String> MEASURED_FIELDS = Set.of("namespace", "maxPerNode", "podGroupMinMember", "template");
    /** Initial pods have a {@code placement}: scheduled (the default), bound, or pending (as Unschedulable's are). */
    private static final Set<String> INITIAL_FIELDS = Set.of("namespace", "placement", "maxPerNode", "podGroupMinMember",
            "template");
    /** The kinds a churn op may create, as upstream's churn templates do. */
    private static final Map<String, Class<? extends HasMetadata>> CHURN_KINDS = Map.of("Node", Node.class, "Pod", Pod.class,
            "Service", Service.class);

    private final String file;

    private WorkloadReader(String file) {
        this.file = file;
    }

    /** The workload shipped as {@code workloads/<name>.yaml}. */
    public static Workload shipped(String name) {
        String resource = RESOURCE_DIR + name + ".yaml";
        try (InputStream in = WorkloadReader.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new UsageException(resource + ": no such workload file");
            }
            return parse(resource, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UsageException(resource + ": cannot read: " + e.getMessage());
        }
    }

    /** Parses the text of workload file {@code file} (the name is for messages). */
    public static Workload parse(String file, String text) {
        return new WorkloadReader(file).read(text);
    }

    private Workload read(String text) {
        JsonNode root;
        try {
            root = YAML.readTree(text);
        } catch (JacksonException e) {
            throw new UsageException(file + ": " + YamlErrors.malformed(e).getMessage());
        }
        if (root == null || !root.isObject()) {
            throw fail("", "expected a mapping with name, sizes, nodeTemplate, initPods and measurePods");
        }
        onlyFields(root, "", TOP_FIELDS);
        String name = string(root, "name");
        String fileName = file.substring(file.lastIndexOf('/') + 1);
        if (!fileName.equals(name + ".yaml")) {
            throw fail("name", "\"" + name + "\" differs from the file name " + fileName);
        }
        List<Workload.Size> sizes = sizes(required(root, "sizes"));
        int warmupPods = (int) number(root, "warmupPods", sizes.get(0).measurePods(), "");
        if (warmupPods < 1) {
            throw fail("warmupPods", "must be at least 1");
        }
        Node nodeTemplate = object(required(root, "nodeTemplate"), "nodeTemplate", Node.class);
        List<String> zones = new ArrayList<>();
        JsonNode zoneList = root.get("zones");
        if (zoneList != null) {
            if (!zoneList.isArray()) {
                throw fail("zones", "expected a list of zone names");
            }
            zoneList.forEach(z -> zones.add(z.asString()));
        }
        List<PriorityClass> priorityClasses = new ArrayList<>();
        JsonNode classes = root.get("priorityClasses");
        if (classes != null) {
            if (!classes.isArray()) {
                throw fail("priorityClasses", "expected a list of PriorityClass manifests");
            }
            for (int i = 0; i < classes.size(); i++) {
                PriorityClass priorityClass = object(classes.get(i), "priorityClasses[" + i + "]", PriorityClass.class);
                if (priorityClass.getMetadata() == null || priorityClass.getMetadata().getName() == null
                        || priorityClass.getValue() == null) {
                    throw fail("priorityClasses[" + i + "]", "metadata.name and value are required");
                }
                priorityClasses.add(priorityClass);
            }
        }
        JsonNode init = root.get("initPods");
        Workload.PodSet initPods = init == null ? null : podSet(init, "initPods", INITIAL_FIELDS);
        Workload.PodSet measurePods = podSet(required(root, "measurePods"), "measurePods", MEASURED_FIELDS);
        if (initPods == null && sizes.stream().anyMatch(s -> s.initPods() > 0)) {
            throw fail("initPods", "required: a size asks for initial pods");
        }
        if (initPods != null && initPods.namespace().equals(measurePods.namespace())
                && initPods.template().getMetadata().getGenerateName().equals(measurePods.template().getMetadata().getGenerateName())) {
            throw fail("measurePods.template.metadata.generateName", "must differ from initPods' in the same namespace");
        }
        JsonNode profile = root.get("profile");
        if (profile != null && !profile.isObject()) {
            throw fail("profile", "expected a profile mapping (plugins, pluginConfig)");
        }
        return new Workload(name, string(root, "description"), decimal(root, "ciFloorPodsPerSecond"), sizes, warmupPods, nodeTemplate,
                List.copyOf(zones), List.copyOf(priorityClasses), initPods, measurePods, churn(root.get("churn")),
                profile == null ? null : YAML.writeValueAsString(profile));
    }

    private List<Workload.Size> sizes(JsonNode list) {
        if (!list.isArray() || list.isEmpty()) {
            throw fail("sizes", "expected a non-empty list of {name, nodes, initPods, measurePods}");
        }
        List<Workload.Size> sizes = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode s = list.get(i);
            String at = "sizes[" + i + "]";
            onlyFields(s, at, Set.of("name", "nodes", "initPods", "measurePods"));
            int nodes = (int) number(s, "nodes", at);
            int initPods = (int) number(s, "initPods", at);
            int measurePods = (int) number(s, "measurePods", at);
            if (nodes < 1 || measurePods < 1 || initPods < 0) {
                throw fail(at, "nodes and measurePods must be at least 1, initPods at least 0");
            }
            sizes.add(new Workload.Size(string(s, at + ".name", "name"), nodes, initPods, measurePods));
        }
        return List.copyOf(sizes);
    }

    private Workload.PodSet podSet(JsonNode node, String at, Set<String> fields) {
        onlyFields(node, at, fields);
        Pod template = object(required(node, "template", at), at + ".template", Pod.class);
        if (template.getMetadata() == null || template.getMetadata().getGenerateName() == null
                || template.getMetadata().getGenerateName().isEmpty()) {
            throw fail(at + ".template.metadata.generateName", "required: pods are named generateName + their number");
        }
        String placement = node.has("placement") ? node.get("placement").asString() : "scheduled";
        Workload.Placement parsed = switch (placement) {
            case "scheduled" -> Workload.Placement.SCHEDULED;
            case "bound" -> Workload.Placement.BOUND;
            case "pending" -> Workload.Placement.PENDING;
            default -> throw fail(at + ".placement", "must be \"scheduled\" (bound by the scheduler before the measured pods, "
                    + "the default), \"bound\" (created on nodes in turn) or \"pending\" (left to the scheduler, not waited for), "
                    + "got \"" + placement + "\"");
        };
        String namespace = node.has("namespace") ? node.get("namespace").asString() : "default";
        return new Workload.PodSet(namespace, template, parsed, (int) number(node, "maxPerNode", 0, at),
                (int) number(node, "podGroupMinMember", 0, at));
    }

    private Workload.Churn churn(JsonNode node) {
        if (node == null) {
            return null;
        }
        onlyFields(node, "churn", Set.of("intervalMilliseconds", "templates"));
        long interval = number(node, "intervalMilliseconds", "churn");
        if (interval < 1) {
            throw fail("churn.intervalMilliseconds", "must be at least 1");
        }
        JsonNode list = required(node, "templates", "churn");
        if (!list.isArray() || list.isEmpty()) {
            throw fail("churn.templates", "expected a non-empty list of Node, Pod or Service manifests");
        }
        List<HasMetadata> templates = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String at = "churn.templates[" + i + "]";
            String kind = list.get(i).has("kind") ? list.get(i).get("kind").asString() : "";
            Class<? extends HasMetadata> type = CHURN_KINDS.get(kind);
            if (type == null) {
                throw fail(at + ".kind", "must be one of " + CHURN_KINDS.keySet().stream().sorted().toList() + ", got \"" + kind + "\"");
            }
            HasMetadata template = object(list.get(i), at, type);
            if (template.getMetadata() == null || template.getMetadata().getGenerateName() == null) {
                throw fail(at + ".metadata.generateName", "required");
            }
            templates.add(template);
        }
        return new Workload.Churn(Duration.ofMillis(interval), List.copyOf(templates));
    }

    private <T> T object(JsonNode node, String at, Class<T> type) {
        if (!node.isObject()) {
            throw fail(at, "expected a " + type.getSimpleName() + " manifest");
        }
        try {
            return YAML.treeToValue(node, type);
        } catch (JacksonException e) {
            throw fail(at + "." + e.getPathReference(), e.getOriginalMessage());
        }
    }

    private void onlyFields(JsonNode node, String at, Set<String> allowed) {
        if (!node.isObject()) {
            throw fail(at, "expected a mapping");
        }
        for (Iterator<String> names = node.propertyNames().iterator(); names.hasNext(); ) {
            String field = names.next();
            if (!allowed.contains(field)) {
                throw fail(join(at, field), "unknown field; expected one of " + allowed.stream().sorted().toList());
            }
        }
    }

    private JsonNode required(JsonNode node, String field) {
        return required(node, field, "");
    }

    private JsonNode required(JsonNode node, String field, String at) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw fail(join(at, field), "required");
        }
        return value;
    }

    private String string(JsonNode node, String field) {
        return string(node, field, field);
    }

    private String string(JsonNode node, String path, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isString() || value.asString().isBlank()) {
            throw fail(path, "required: a non-empty string");
        }
        return value.asString();
    }

    private long number(JsonNode node, String field, String at) {
        return number(required(node, field, at), join(at, field));
    }

    private long number(JsonNode node, String field, long absent, String at) {
        JsonNode value = node.get(field);
        return value == null ? absent : number(value, join(at, field));
    }

    /** A non-negative number; 0 when absent (a workload with no published floor). */
    private double decimal(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null) {
            return 0;
        }
        if (!value.isNumber() || value.asDouble() < 0) {
            throw fail(field, "expected a number of at least 0");
        }
        return value.asDouble();
    }

    private long number(JsonNode value, String path) {
        if (!value.isIntegralNumber() || value.asLong() < 0) {
            throw fail(path, "expected a whole number of at least 0, got " + value);
        }
        return value.asLong();
    }

    private static String join(String at, String field) {
        return at.isEmpty() ? field : at + "." + field;
    }

    private UsageException fail(String field, String reason) {
        return new UsageException(file + ": " + (field.isEmpty() ? "" : field + ": ") + reason);
    }
}
