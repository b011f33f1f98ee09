package dev.berth.app.nodes;

import io.fabric8.kubernetes.api.model.Node;
import java.time.Instant;

/** What the simulator registers as its {@code index}th node: a {@link NodeProfile}, or a benchmark's node template. */
public interface NodeSource {

    /** The name of node {@code index}. */
    String name(int index);

    /** Node {@code index}, as its kubelet would register it at {@code now}. */
    Node node(int index, Instant now);
}
