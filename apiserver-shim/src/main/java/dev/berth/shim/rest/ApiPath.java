package dev.berth.shim.rest;

import dev.berth.shim.error.ApiException;
import dev.berth.shim.resource.ResourceCatalog;
import dev.berth.shim.resource.ResourceType;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * A resource URL taken apart: {@code /api/v1[/namespaces/<ns>]/<resource>[/<name>[/<subresource>]]} or the same
 * under {@code /apis/<group>/<version>}. {@code namespace}, {@code name} and {@code subresource} are {@code ""}
 * when absent.
 */
public record ApiPath(ResourceType type, String namespace, String name, String subresource) {
    private static final Set<String> NAMESPACE_SUBRESOURCES = Set.of("status", "finalize");

    public boolean collection() {
        return name.isEmpty();
    }

    /** Parses {@code path}; a path that names no served resource is a 404. */
    public static ApiPath parse(String path, ResourceCatalog catalog) {
        List<String> segments = Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).toList();
        String group;
        int rest;
        if (segments.size() >= 3 && segments.get(0).equals("api")) {
            group = "";
            rest = 2;
        } else if (segments.size() >= 4 && segments.get(0).equals("apis")) {
            group = segments.get(1);
            rest = 3;
        } else {
            throw ApiException.unknownPath();
        }
        String version = segments.get(rest - 1);
        List<String> tail = segments.subList(rest, segments.size());
        String namespace = "";
        if (tail.size() >= 3 && tail.get(0).equals("namespaces")
                && !(tail.size() == 3 && NAMESPACE_SUBRESOURCES.contains(tail.get(2)))) {
            namespace = tail.get(1);
            tail = tail.subList(2, tail.size());
        }
        if (tail.isEmpty() || tail.size() > 3) {
            throw ApiException.unknownPath();
        }
        ResourceType type = catalog.find(group, version, tail.get(0)).orElseThrow(ApiException::unknownPath);
        if (!namespace.isEmpty() && !type.namespaced()) {
            throw ApiException.unknownPath();
        }
        String name = tail.size() > 1 ? tail.get(1) : "";
        String subresource = tail.size() > 2 ? tail.get(2) : "";
        if (!subresource.isEmpty() && type.subresources().stream().noneMatch(s -> s.path().equals(subresource))) {
            throw ApiException.unknownPath();
        }
        return new ApiPath(type, namespace, name, subresource);
    }
}
