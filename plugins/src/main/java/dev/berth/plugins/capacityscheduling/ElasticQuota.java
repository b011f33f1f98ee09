package dev.berth.plugins.capacityscheduling;

import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * scheduler-plugins' {@code scheduling.x-k8s.io/v1alpha1} ElasticQuota: the resources a namespace's pods
 * are guaranteed ({@code spec.min}) and may use at most ({@code spec.max}). Only one per namespace is
 * honoured, as upstream.
 */
@Group(ElasticQuota.GROUP)
@Version(ElasticQuota.VERSION)
public final class ElasticQuota extends CustomResource<ElasticQuotaSpec, ElasticQuotaStatus> implements Namespaced {

    public static final String GROUP = "scheduling.x-k8s.io";
    public static final String VERSION = "v1alpha1";
    /** The kind, as scenario files and cluster events name it. */
    public static final String KIND = "ElasticQuota";
}
