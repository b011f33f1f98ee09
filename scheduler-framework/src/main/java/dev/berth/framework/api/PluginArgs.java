package dev.berth.framework.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * A plugin's {@code pluginConfig[].args}, as written in the configuration. Decode them into your own
 * args type (a record with defaults and a validation method is the convention):
 * <pre>{@code
 * MyArgs a = args.decode(MyArgs.class);   // unknown fields are an error
 * a.validate();                           // throw InvalidArgsException("field", "why")
 * }</pre>
 */
public final class PluginArgs {

    private static final PluginArgs EMPTY = new PluginArgs(Map.of());
    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private final Map<String, Object> values;

    private PluginArgs(Map<String, Object> values) {
        this.values = values;
    }

    /** Args from a parsed YAML/JSON object. */
    public static PluginArgs of(Map<String, ?> values) {
        return values == null || values.isEmpty() ? EMPTY : new PluginArgs(Collections.unmodifiableMap(new LinkedHashMap<>(values)));
    }

    /** No args: every field takes its default. */
    public static PluginArgs empty() {
        return EMPTY;
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    /** The raw values (apiVersion and kind, if given, included). */
    public Map<String, Object> asMap() {
        return values;
    }

    /**
     * Binds the args to {@code type} (missing fields are left to the type's defaults; {@code apiVersion}
     * and {@code kind} are ignored). An {@link InvalidArgsException} that the type's constructor throws
     * (validation in a record's compact constructor) comes out as it was thrown.
     *
     * @throws InvalidArgsException naming the field that does not fit
     */
    public <T> T decode(Class<T> type) {
        Map<String, Object> fields = new LinkedHashMap<>(values);
        fields.remove("apiVersion");
        fields.remove("kind");
        try {
            return MAPPER.convertValue(fields, type);
        } catch (DatabindException e) {
            // Validation in the args type's constructor (a record's compact constructor) names its own field.
            for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
                if (cause instanceof InvalidArgsException invalid) {
                    throw invalid;
                }
            }
            StringBuilder path = new StringBuilder();
            for (var ref : e.getPath()) {
                if (ref.getPropertyName() != null) {
                    if (!path.isEmpty()) {
                        path.append('.');
                    }
                    path.append(ref.getPropertyName());
                } else if (ref.getIndex() >= 0) {
                    path.append('[').append(ref.getIndex()).append(']');
                }
            }
            throw new InvalidArgsException(path.toString(), e.getOriginalMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new InvalidArgsException("", e.getMessage(), e);
        }
    }
}
