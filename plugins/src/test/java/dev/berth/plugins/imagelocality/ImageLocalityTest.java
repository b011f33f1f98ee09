package dev.berth.plugins.imagelocality;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.framework.api.CycleState;
import dev.berth.framework.api.NodeInfo;
import dev.berth.framework.api.PluginArgs;
import dev.berth.plugins.testing.MakeNode;
import dev.berth.plugins.testing.MakePod;
import dev.berth.plugins.testing.TestHandle;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class ImageLocalityTest {

    private static final long MB = 1024L * 1024L;

    static Pod pod(String... images) {
        MakePod p = MakePod.pod("p");
        for (String image : images) {
            p.image(image);
        }
        return p.build();
    }

    static Node node403002000(String name) {
        return MakeNode.node(name).image(40 * MB, "gcr.io/40:latest", "gcr.io/40:v1", "gcr.io/40:v1")
                .image(300 * MB, "gcr.io/300:latest", "gcr.io/300:v1").image(2000 * MB, "gcr.io/2000:latest").build();
    }

    static Node node25010(String name) {
        return MakeNode.node(name).image(250 * MB, "gcr.io/250:latest").image(10 * MB, "gcr.io/10:latest", "gcr.io/10:v1").build();
    }

    static Node node60040900(String name) {
        return MakeNode.node(name).image(600 * MB, "gcr.io/600:latest").image(40 * MB, "gcr.io/40:latest")
                .image(900 * MB, "gcr.io/900:latest").build();
    }

    static Node node300600900(String name) {
        return MakeNode.node(name).image(300 * MB, "gcr.io/300:latest").image(600 * MB, "gcr.io/600:latest")
                .image(900 * MB, "gcr.io/900:latest").build();
    }

    static Node node400030(String name) {
        return MakeNode.node(name).image(4000 * MB, "gcr.io/4000:latest").image(30 * MB, "gcr.io/30:latest").build();
    }

    static Node node203040(String name) {
        return MakeNode.node(name).image(20 * MB, "gcr.io/20:latest").image(30 * MB, "gcr.io/30:latest")
                .image(40 * MB, "gcr.io/40:latest").build();
    }

    static Stream<Arguments> cases() {
        Function<String, Node> empty = n -> MakeNode.node(n).build();
        Pod init30300 = MakePod.pod("p").image("gcr.io/30").build();
        // MakePod has no init container with an image; add it to the built pod.
        init30300.getSpec().setInitContainers(List.of(new ContainerBuilder().withName("i").withImage("gcr.io/300").build()));
        return Stream.of(
                Arguments.of("TestImageLocalityPriority/two images spread on two nodes, prefer the larger image one",
                        pod("gcr.io/40", "gcr.io/250"), List.of(node403002000("node1"), node25010("node2")), new long[] {0, 5}),
                Arguments.of("TestImageLocalityPriority/two images on one node, prefer this node",
                        pod("gcr.io/40", "gcr.io/300"), List.of(node403002000("node1"), node25010("node2")), new long[] {7, 0}),
                Arguments.of("TestImageLocalityPriority/if exceed limit, use limit",
                        pod("gcr.io/10", "gcr.io/4000"), List.of(node400030("node1"), node25010("node2")), new long[] {100, 0}),
                Arguments.of("TestImageLocalityPriority/if exceed limit, use limit (with node which has no images present)",
                        pod("gcr.io/10", "gcr.io/4000"), List.of(node400030("node1"), node25010("node2"), empty.apply("node3")),
                        new long[] {66, 0, 0}),
                Arguments.of("TestImageLocalityPriority/pod with multiple large images, node2 is preferred",
                        pod("gcr.io/300", "gcr.io/600", "gcr.io/900"),
                        List.of(node60040900("node1"), node300600900("node2"), empty.apply("node3")), new long[] {32, 36, 0}),
                Arguments.of("TestImageLocalityPriority/pod with multiple small images",
                        pod("gcr.io/30", "gcr.io/40"), List.of(node203040("node1"), node400030("node2")), new long[] {1, 0}),
                Arguments.of("TestImageLocalityPriority/include InitContainers: two images spread on two nodes, prefer the larger image one",
                        init30300, List.of(node403002000("node1"), node203040("node2")), new long[] {6, 0}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void score(String name, Pod pod, List<Node> nodes, long[] want) {
        TestHandle handle = new TestHandle(nodes, List.of());
        ImageLocality plugin = (ImageLocality) new ImageLocality.Factory().create(PluginArgs.empty(), handle);
        assertThat(plugin.scoreExtensions()).isEmpty();
        long[] got = new long[nodes.size()];
        for (int i = 0; i < nodes.size(); i++) {
            NodeInfo info = handle.snapshot().get(nodes.get(i).getMetadata().getName()).orElseThrow();
            got[i] = plugin.score(new CycleState(), pod, info);
        }
        assertThat(got).containsExactly(want);
    }

    @ParameterizedTest(name = "TestNormalizedImageName: {0} -> {1}")
    @CsvSource({
        "root, root:latest",
        "gcr.io:5000/root, gcr.io:5000/root:latest",
        "root:tag, root:tag",
        "root@sha256:4813494d137e1631bba301d5acab6e7bb7aa74ce1185d456565ef51d737677b2, root@sha256:4813494d137e1631bba301d5acab6e7bb7aa74ce1185d456565ef51d737677b2",
    })
    void normalizedImageName(String input, String want) {
        assertThat(ImageLocality.normalizedImageName(input)).isEqualTo(want);
    }
}
