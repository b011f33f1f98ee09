package dev.berth.shim.patch;

import static dev.berth.shim.patch.StrategicSchema.struct;

import dev.berth.shim.resource.ResourceType;
import java.util.Map;
import java.util.Optional;

/**
 * The patch tags of the built-in types the shim serves, transcribed from the Go structs of k8s.io/api
 * ({@code patchStrategy:"merge" patchMergeKey:"name"} and friends). Only tagged fields and the structs leading to
 * them are listed; notably {@code PodSpec.tolerations} and {@code NodeSpec.taints} carry no tags upstream and are
 * therefore replaced as a whole. Custom resources have no Go structs, so kube-apiserver refuses strategic merge
 * patches for them; {@link #forType} is empty for those. The OpenAPI documents publish the same tags
 * ({@code x-kubernetes-patch-strategy}), which kubectl's {@code apply} computes its patch from.
 */
public final class StrategicSchemas {

    static final StrategicSchema OBJECT_META = struct()
            .mergeScalars("finalizers")
            .mergeByKey("ownerReferences", "uid")
            .build();

    private static final StrategicSchema CONTAINER = struct()
            .mergeByKey("ports", "containerPort")
            .mergeByKey("env", "name")
            .mergeByKey("volumeMounts", "mountPath")
            .mergeByKey("volumeDevices", "devicePath")
            .build();

    private static final StrategicSchema POD_SPEC = struct()
            .mergeByKey("volumes", "name")
            .mergeByKey("initContainers", "name", CONTAINER)
            .mergeByKey("containers", "name", CONTAINER)
            .mergeByKey("ephemeralContainers", "name", CONTAINER)
            .mergeByKey("imagePullSecrets", "name")
            .mergeByKey("hostAliases", "ip")
            .mergeByKey("topologySpreadConstraints", "topologyKey")
            .mergeByKey("schedulingGates", "name")
            .mergeByKey("resourceClaims", "name")
            .build();

    private static final StrategicSchema POD_STATUS = struct()
            .mergeByKey("conditions", "type")
            .mergeByKey("podIPs", "ip")
            .mergeByKey("hostIPs", "ip")
            .mergeByKey("resourceClaimStatuses", "name")
            .build();

    private static final StrategicSchema POD_TEMPLATE_SPEC = struct()
            .with("metadata", OBJECT_META)
            .with("spec", POD_SPEC)
            .build();

    /** Status structs whose only tagged field is {@code conditions}, merged by condition type. */
    private static final StrategicSchema CONDITIONS_BY_TYPE = struct().mergeByKey("conditions", "type").build();

    private static final Map<String, StrategicSchema> BY_KIND = Map.ofEntries(
            Map.entry("v1/Pod", object(struct().with("spec", POD_SPEC).with("status", POD_STATUS))),
            Map.entry("v1/Node", object(struct()
                    .with("spec", struct().mergeScalars("podCIDRs").build())
                    .with("status", struct()
                            .mergeByKey("conditions", "type")
                            .mergeByKey("addresses", "type")
                            .build()))),
            Map.entry("v1/Namespace", object(struct().with("status", CONDITIONS_BY_TYPE))),
            Map.entry("v1/PersistentVolumeClaim", object(struct().with("status", CONDITIONS_BY_TYPE))),
            Map.entry("v1/ServiceAccount", object(struct().mergeByKey("secrets", "name"))),
            Map.entry("apps/v1/Deployment", object(struct()
                    .with("spec", struct().with("template", POD_TEMPLATE_SPEC).build())
                    .with("status", CONDITIONS_BY_TYPE))),
            Map.entry("policy/v1/PodDisruptionBudget", object(struct().with("status", CONDITIONS_BY_TYPE))),
            Map.entry("storage.k8s.io/v1/CSINode", object(struct()
                    .with("spec", struct().mergeByKey("drivers", "name").build()))));

    /** Built-in kinds with no tagged fields beyond their object metadata. */
    private static final StrategicSchema METADATA_ONLY = object(struct());

    private StrategicSchemas() {
    }

    /** The schema of the type's objects; empty for custom resources, which have no strategic merge patch. */
    public static Optional<StrategicSchema> forType(ResourceType type) {
        if (isCustomResource(type)) {
            return Optional.empty();
        }
        return Optional.of(BY_KIND.getOrDefault(type.apiVersion() + "/" + type.kind(), METADATA_ONLY));
    }

    /** Built-in groups are the core group and the {@code *.k8s.io} and well-known short-named ones. */
    private static boolean isCustomResource(ResourceType type) {
        String group = type.group();
        return !(group.isEmpty() || group.endsWith(".k8s.io") || !group.contains("."));
    }

    private static StrategicSchema object(StrategicSchema.Builder body) {
        return body.with("metadata", OBJECT_META).build();
    }
}
