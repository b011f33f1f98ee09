package dev.berth.plugins.imagelocality;

import dev.berth.framework.api.BasePluginFactory;
import dev.berth.framework.api.CycleState;
import dev.berth.framework.api.Handle;
import dev.berth.framework.api.ImageStateSummary;
import dev.berth.framework.api.NodeInfo;
import dev.berth.framework.api.ScorePlugin;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;
import java.util.Map;

/**
 * Favors nodes that already hold the pod's images (upstream's {@code ImageLocality}). Each image
 * present on the node scores its size scaled by the share of nodes that have it (to avoid piling
 * pods onto the few nodes holding an image); the sum, clamped between 23 MiB and 1000 MiB per
 * container, maps linearly onto 0..100. Init containers count like containers. No normalization.
 */
public final class ImageLocality implements ScorePlugin {

    public static final String NAME = "ImageLocality";

    private static final long MB = 1024L * 1024L;
    /** Below this, an image is too small to matter; with the max, upstream's bounds of typical registry image sizes. */
    static final long MIN_THRESHOLD = 23 * MB;
    static final long MAX_CONTAINER_THRESHOLD = 1000 * MB;

    private final Handle handle;

    public ImageLocality(Handle handle) {
        this.handle = handle;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public long score(CycleState state, Pod pod, NodeInfo nodeInfo) {
        int totalNodes = handle.snapshot().list().size();
        List<Container> init = pod.getSpec().getInitContainers() == null ? List.of() : pod.getSpec().getInitContainers();
        List<Container> containers = pod.getSpec().getContainers() == null ? List.of() : pod.getSpec().getContainers();
        Map<String, ImageStateSummary> images = nodeInfo.imageStates();
        long sum = sumImageScores(images, init, totalNodes) + sumImageScores(images, containers, totalNodes);
        return calculatePriority(sum, init.size() + containers.size());
    }

    private static long sumImageScores(Map<String, ImageStateSummary> images, List<Container> containers, int totalNodes) {
        long sum = 0;
        for (Container c : containers) {
            ImageStateSummary state = c.getImage() == null ? null : images.get(normalizedImageName(c.getImage()));
            if (state != null) {
                sum += scaledImageScore(state, totalNodes);
            }
        }
        return sum;
    }

    /** The image size times the fraction of nodes holding it, truncated as upstream's float64 to int64. */
    static long scaledImageScore(ImageStateSummary state, int totalNodes) {
        double spread = (double) state.numNodes() / (double) totalNodes;
        return (long) (state.sizeBytes() * spread);
    }

    static long calculatePriority(long sumScores, int numContainers) {
        long maxThreshold = MAX_CONTAINER_THRESHOLD * numContainers;
        long clamped = Math.max(MIN_THRESHOLD, Math.min(sumScores, maxThreshold));
        return MAX_NODE_SCORE * (clamped - MIN_THRESHOLD) / (maxThreshold - MIN_THRESHOLD);
    }

    /**
     * The name a node reports for {@code image}: {@code :latest} is added when the reference has no
     * tag or digest (no ':' after the last '/'), as upstream's {@code normalizedImageName}.
     */
    static String normalizedImageName(String image) {
        return image.lastIndexOf(':') <= image.lastIndexOf('/') ? image + ":latest" : image;
    }

    /** Registers {@link ImageLocality}; it takes no args. */
    public static final class Factory extends BasePluginFactory {
        public Factory() {
            super(NAME, (args, handle) -> new ImageLocality(handle));
        }
    }
}
