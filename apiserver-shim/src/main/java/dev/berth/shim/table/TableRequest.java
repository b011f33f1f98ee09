package dev.berth.shim.table;

import java.util.Locale;
import java.util.Optional;

/**
 * A request for objects as a {@code meta.k8s.io} Table.
 *
 * @param version       {@code v1} or {@code v1beta1}: the Table's API version
 * @param includeObject what each row carries besides its cells (the {@code includeObject} query parameter)
 * @param headers       whether the Table carries its {@code columnDefinitions}: a watch sends them with its first
 *                      event only, as kube-apiserver does ({@link #withoutHeaders()} for the later events)
 */
public record TableRequest(String version, IncludeObject includeObject, boolean headers) {

    /** The {@code includeObject} query parameter. */
    public enum IncludeObject {
        NONE("None"), METADATA("Metadata"), OBJECT("Object");

        private final String value;

        IncludeObject(String value) {
            this.value = value;
        }

        /** The parameter's value; absent or unrecognised means {@code Metadata}, the apiserver's default. */
        public static IncludeObject fromQuery(String value) {
            for (IncludeObject candidate : values()) {
                if (candidate.value.equals(value)) {
                    return candidate;
                }
            }
            return METADATA;
        }
    }

    public TableRequest withIncludeObject(IncludeObject include) {
        return new TableRequest(version, include, headers);
    }

    public TableRequest withoutHeaders() {
        return new TableRequest(version, includeObject, false);
    }

    /** {@code meta.k8s.io/v1} or {@code meta.k8s.io/v1beta1}. */
    public String apiVersion() {
        return "meta.k8s.io/" + version;
    }

    /**
     * The Table the {@code Accept} header asks for, if its first acceptable media range does: kubectl sends
     * {@code application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,
     * application/json}, and an apiserver serves the first range it can.
     */
    public static Optional<TableRequest> negotiate(String acceptHeader) {
        if (acceptHeader == null) {
            return Optional.empty();
        }
        for (String range : acceptHeader.split(",")) {
            String[] parts = range.split(";");
            String mediaType = parts[0].trim().toLowerCase(Locale.ROOT);
            String as = null;
            String version = null;
            String group = null;
            for (int i = 1; i < parts.length; i++) {
                String[] parameter = parts[i].trim().split("=", 2);
                String value = parameter.length == 2 ? parameter[1].trim() : "";
                switch (parameter[0].trim()) {
                    case "as" -> as = value;
                    case "v" -> version = value;
                    case "g" -> group = value;
                    default -> {
                        // q and other parameters do not change what is served
                    }
                }
            }
            if (as == null) {
                if (mediaType.equals("application/json") || mediaType.equals("*/*")
                        || mediaType.equals("application/*")) {
                    return Optional.empty();
                }
                continue;
            }
            boolean json = mediaType.equals("application/json");
            boolean tableVersion = "v1".equals(version) || "v1beta1".equals(version);
            if (json && as.equals("Table") && "meta.k8s.io".equals(group) && tableVersion) {
                return Optional.of(new TableRequest(version, IncludeObject.METADATA, true));
            }
        }
        return Optional.empty();
    }
}
