package dev.berth.shim.openapi;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Upstream's names for model schemas ({@code io.k8s.api.core.v1.Pod},
 * {@code io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta}), derived from fabric8's packages, which follow the API
 * groups: {@code io.fabric8.kubernetes.api.model} is core/v1 plus meta/v1, sub-packages are groups with an optional
 * version segment (v1 when absent).
 */
final class SchemaNames {

    private static final String MODEL_PACKAGE = "io.fabric8.kubernetes.api.model";
    private static final Set<String> META_V1 = Set.of("ObjectMeta", "ListMeta", "OwnerReference",
            "ManagedFieldsEntry", "LabelSelector", "LabelSelectorRequirement", "Condition", "Status", "StatusDetails",
            "StatusCause", "DeleteOptions", "Preconditions", "FieldsV1", "WatchEvent", "MicroTime");
    private static final Pattern VERSION = Pattern.compile("v\\d+((alpha|beta)\\d+)?");

    private SchemaNames() {
    }

    static String of(Class<?> type) {
        String pkg = type.getPackageName();
        String simple = type.getSimpleName();
        if (pkg.equals(MODEL_PACKAGE)) {
            return (META_V1.contains(simple) ? "io.k8s.apimachinery.pkg.apis.meta.v1." : "io.k8s.api.core.v1.")
                    + simple;
        }
        if (pkg.startsWith(MODEL_PACKAGE + ".")) {
            List<String> segments = Arrays.asList(pkg.substring(MODEL_PACKAGE.length() + 1).split("\\."));
            String groupVersion = String.join(".", segments);
            if (!VERSION.matcher(segments.get(segments.size() - 1)).matches()) {
                groupVersion += ".v1";
            }
            return "io.k8s.api." + groupVersion + "." + simple;
        }
        return type.getName();
    }
}
