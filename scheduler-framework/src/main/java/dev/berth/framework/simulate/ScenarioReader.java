package dev.berth.framework.simulate;

import dev.berth.framework.config.YamlErrors;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.scheduling.v1.PriorityClass;
import io.fabric8.kubernetes.api.model.storage.CSINode;
import io.fabric8.kubernetes.api.model.storage.StorageClass;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MappingIterator;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads a scenario in {@code berth simulate}'s format: multi-document YAML of Kubernetes manifests and at most
 * one KubeSchedulerConfiguration. Every problem is a {@link ScenarioFormatException} naming the source, the
 * document (1-based, with its kind and name when known) and the field.
 */
public final class ScenarioReader {

    static final String CONFIGURATION_KIND = "KubeSchedulerConfiguration";

    /** The built-in kinds a scenario may hold; plugins add the model classes of their custom resources. */
    private static final Map<String, Class<? extends HasMetadata>> BUILT_IN_KINDS = Map.of(
            "Node", Node.class,
            "Pod", Pod.class,
            "Namespace", Namespace.class,
            "PriorityClass", PriorityClass.class,
            "PodDisruptionBudget", PodDisruptionBudget.class,
            "PersistentVolume", PersistentVolume.class,
            "PersistentVolumeClaim", PersistentVolumeClaim.class,
            "StorageClass", StorageClass.class,
            "CSINode", CSINode.class);

    // As kubectl, a key given twice in a manifest is an error, not a silent override.
    private static final YAMLMapper YAML = YAMLMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private final String source;
    private final Map<String, Class<? extends HasMetadata>> kinds;

    /**
     * @param source what the text is (a file name), the first word of every error message
     * @param customKinds the model classes of custom resources a scenario may hold, by kind (e.g. Coscheduling's PodGroup)
     */
    public ScenarioReader(String source, Map<String, Class<? extends HasMetadata>> customKinds) {
        this.source = source;
        this.kinds = new TreeMap<>(BUILT_IN_KINDS);
        this.kinds.putAll(customKinds);
    }

    /** @throws ScenarioFormatException naming the document and field at fault */
    public Scenario read(String text) {
        List<HasMetadata> objects = new ArrayList<>();
        Map<HasMetadata, DocumentRef> origins = new IdentityHashMap<>();
        String configuration = null;
        DocumentRef configurationRef = null;
        int index = 0;
        try (JsonParser parser = YAML.createParser(text);
             MappingIterator<JsonNode> docs = YAML.readValues(parser, JsonNode.class)) {
            while (true) {
                index++;
                if (!hasNext(docs, index)) {
                    break;
                }
                JsonNode doc = next(docs, index);
                if (doc == null || doc.isNull() || doc.isMissingNode()) {
                    continue;
                }
                DocumentRef ref = refOf(index, doc);
                if (CONFIGURATION_KIND.equals(ref.kind())) {
                    if (configuration != null) {
                        throw fail(ref, "kind", "a scenario may hold one " + CONFIGURATION_KIND + ", the first is "
                                + configurationRef.describe());
                    }
                    configuration = YAML.writeValueAsString(doc);
                    configurationRef = ref;
                    continue;
                }
                HasMetadata object = toObject(ref, doc);
                objects.add(object);
                origins.put(object, ref);
            }
        }
        if (objects.isEmpty()) {
            throw new ScenarioFormatException(source + ": the scenario holds no Kubernetes objects");
        }
        return new Scenario(objects, configuration, configurationRef, origins);
    }

    // The YAML parser reports a syntax error when asked for the next document.
    private boolean hasNext(MappingIterator<JsonNode> docs, int index) {
        try {
            return docs.hasNextValue();
        } catch (JacksonException e) {
            throw malformed(index, e);
        }
    }

    private JsonNode next(MappingIterator<JsonNode> docs, int index) {
        try {
            return docs.nextValue();
        } catch (JacksonException e) {
            throw malformed(index, e);
        }
    }

    private ScenarioFormatException malformed(int index, JacksonException e) {
        return new ScenarioFormatException(source + ": document " + index + ": " + YamlErrors.malformed(e).getMessage());
    }

    private DocumentRef refOf(int index, JsonNode doc) {
        if (!doc.isObject()) {
            throw new ScenarioFormatException(source + ": document " + index + ": expected a Kubernetes object (a mapping with kind and metadata)");
        }
        String kind = text(doc.get("kind"));
        JsonNode meta = doc.get("metadata");
        String name = meta == null ? null : text(meta.get("name"));
        String namespace = meta == null ? null : text(meta.get("namespace"));
        String qualified = name == null || namespace == null ? name : namespace + "/" + name;
        DocumentRef ref = new DocumentRef(index, kind, qualified);
        if (kind == null) {
            throw fail(ref, "kind", "required");
        }
        return ref;
    }

    private HasMetadata toObject(DocumentRef ref, JsonNode doc) {
        Class<? extends HasMetadata> type = kinds.get(ref.kind());
        if (type == null) {
            throw fail(ref, "kind", "unknown kind \"" + ref.kind() + "\"; a scenario holds " + String.join(", ", kinds.keySet())
                    + " and at most one " + CONFIGURATION_KIND);
        }
        if (ref.name() == null) {
            throw fail(ref, "metadata.name", "required");
        }
        try {
            return YAML.treeToValue(doc, type);
        } catch (JacksonException e) {
            throw fail(ref, e.getPathReference(), e.getOriginalMessage());
        }
    }

    private static String text(JsonNode node) {
        return node == null || !node.isString() || node.asString().isEmpty() ? null : node.asString();
    }

    /** An error in one document's field. */
    private ScenarioFormatException fail(DocumentRef ref, String field, String reason) {
        return new ScenarioFormatException(source + ": " + ref.describe() + ": " + field + ": " + reason);
    }
}
