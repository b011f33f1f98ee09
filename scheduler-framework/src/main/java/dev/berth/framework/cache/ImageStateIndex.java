package dev.berth.framework.cache;

import dev.berth.framework.api.ImageStateSummary;
import io.fabric8.kubernetes.api.model.ContainerImage;
import io.fabric8.kubernetes.api.model.Node;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * For every image name, its size and the nodes that have it (upstream's {@code cache.imageStates}),
 * from {@code node.status.images}. Changes report which other nodes now see a different node count for
 * one of their images, so the cache can refresh exactly those. Not thread-safe; the cache guards it.
 */
final class ImageStateIndex {

    /** The size is the one first reported for the name, as upstream keeps it. */
    private record ImageState(long sizeBytes, Set<String> nodes) {
    }

    private final Map<String, ImageState> images = new HashMap<>();

    /**
     * Records a new node's images.
     *
     * @return the other nodes whose image counts changed
     */
    Set<String> add(Node node) {
        return change(name(node), Map.of(), imageSizes(node));
    }

    /**
     * Replaces {@code previous}'s images by {@code current}'s (the same node). Only images the node gained or
     * lost change counts, so an update that leaves the images alone affects no other node.
     *
     * @return the other nodes whose image counts changed
     */
    Set<String> update(Node previous, Node current) {
        return change(name(current), imageSizes(previous), imageSizes(current));
    }

    /**
     * Forgets a removed node's images.
     *
     * @return the other nodes whose image counts changed
     */
    Set<String> remove(Node node) {
        return change(name(node), imageSizes(node), Map.of());
    }

    /** The node's images, each with the number of nodes that have it. */
    Map<String, ImageStateSummary> summaries(Node node) {
        Map<String, ImageStateSummary> out = new HashMap<>();
        for (String image : imageSizes(node).keySet()) {
            ImageState state = images.get(image);
            out.put(image, new ImageStateSummary(state.sizeBytes(), state.nodes().size()));
        }
        return out;
    }

    private Set<String> change(String nodeName, Map<String, Long> before, Map<String, Long> after) {
        Set<String> affected = new HashSet<>();
        before.keySet().stream().filter(image -> !after.containsKey(image)).forEach(image -> {
            ImageState state = images.get(image);
            state.nodes().remove(nodeName);
            if (state.nodes().isEmpty()) {
                images.remove(image);
            }
            affected.addAll(state.nodes());
        });
        after.entrySet().stream().filter(image -> !before.containsKey(image.getKey())).forEach(image -> {
            ImageState state = images.computeIfAbsent(image.getKey(), name -> new ImageState(image.getValue(), new HashSet<>()));
            affected.addAll(state.nodes());
            state.nodes().add(nodeName);
        });
        return affected;
    }

    /** Every name of every image on the node with its size; an image listed under several names counts under each. */
    private static Map<String, Long> imageSizes(Node node) {
        Map<String, Long> sizes = new HashMap<>();
        if (node.getStatus() == null || node.getStatus().getImages() == null) {
            return sizes;
        }
        for (ContainerImage image : node.getStatus().getImages()) {
            long size = image.getSizeBytes() == null ? 0 : image.getSizeBytes();
            if (image.getNames() != null) {
                image.getNames().forEach(name -> sizes.putIfAbsent(name, size));
            }
        }
        return sizes;
    }

    private static String name(Node node) {
        return node.getMetadata().getName();
    }
}
