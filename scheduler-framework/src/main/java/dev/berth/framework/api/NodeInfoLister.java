package dev.berth.framework.api;

import java.util.List;
import java.util.Optional;

/** Read access to the nodes of a scheduling snapshot (upstream's {@code SharedLister.NodeInfos()}). */
public interface NodeInfoLister {

    /** Every node, in the scheduler's zone-interleaved order. */
    List<NodeInfo> list();

    /** The nodes hosting at least one pod with pod (anti-)affinity. */
    List<NodeInfo> havePodsWithAffinity();

    /** The nodes hosting at least one pod with required anti-affinity. */
    List<NodeInfo> havePodsWithRequiredAntiAffinity();

    Optional<NodeInfo> get(String nodeName);
}
