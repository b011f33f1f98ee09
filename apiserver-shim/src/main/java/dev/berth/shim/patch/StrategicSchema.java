package dev.berth.shim.patch;

import java.util.HashMap;
import java.util.Map;

/**
 * What a strategic merge patch needs to know about one Go struct of the Kubernetes API: for each field holding a
 * struct or a list, the {@code patchStrategy}/{@code patchMergeKey} struct tags and the element's own schema.
 * Fields not described merge like JSON merge patch (maps merge, lists are replaced), which is what the upstream
 * tags mean when absent.
 */
public final class StrategicSchema {

    /** A struct (or map) none of whose fields carry patch tags: labels, annotations, resource lists. */
    static final StrategicSchema PLAIN = new StrategicSchema(Map.of());

    /**
     * One field's patch metadata.
     *
     * @param mergeList {@code patchStrategy:"merge"} on a list
     * @param mergeKey  {@code patchMergeKey}; empty for lists of scalars merged as sets (finalizers)
     * @param schema    the schema of the field's struct value or of the list's elements
     */
    public record Field(boolean mergeList, String mergeKey, StrategicSchema schema) {
        static final Field UNTAGGED = new Field(false, "", PLAIN);

        boolean mergesScalars() {
            return mergeList && mergeKey.isEmpty();
        }
    }

    private final Map<String, Field> fields;

    private StrategicSchema(Map<String, Field> fields) {
        this.fields = Map.copyOf(fields);
    }

    public Field field(String name) {
        return fields.getOrDefault(name, Field.UNTAGGED);
    }

    /** Whether any field, here or below, carries a patch tag; a struct without any merges like JSON merge patch. */
    public boolean hasTags() {
        return !fields.isEmpty();
    }

    static Builder struct() {
        return new Builder();
    }

    static final class Builder {
        private final Map<String, Field> fields = new HashMap<>();

        /** A field whose value is a struct with tagged fields of its own. */
        Builder with(String name, StrategicSchema schema) {
            fields.put(name, new Field(false, "", schema));
            return this;
        }

        /** {@code patchStrategy:"merge" patchMergeKey:"<key>"}: a list of structs merged by {@code key}. */
        Builder mergeByKey(String name, String key, StrategicSchema element) {
            fields.put(name, new Field(true, key, element));
            return this;
        }

        Builder mergeByKey(String name, String key) {
            return mergeByKey(name, key, PLAIN);
        }

        /** {@code patchStrategy:"merge"} on a list of scalars: merged as a set. */
        Builder mergeScalars(String name) {
            fields.put(name, new Field(true, "", PLAIN));
            return this;
        }

        StrategicSchema build() {
            return new StrategicSchema(fields);
        }
    }
}
