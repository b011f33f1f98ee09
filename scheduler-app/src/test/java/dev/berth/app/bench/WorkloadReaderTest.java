package dev.berth.app.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.app.UsageException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A bad workload file is refused with a message naming the file and the field at fault. */
class WorkloadReaderTest {

    private static final String GOOD = """
            name: Good
            description: a valid workload
            sizes:
            - {name: 500Nodes, nodes: 500, initPods: 10, measurePods: 20}
            nodeTemplate:
              apiVersion: v1
              kind: Node
              status:
                allocatable: {cpu: "4", memory: 32Gi, pods: "110"}
            initPods:
              template:
                apiVersion: v1
                kind: Pod
                metadata: {generateName: init-}
                spec:
                  containers: [{name: c, image: i}]
            measurePods:
              template:
                apiVersion: v1
                kind: Pod
                metadata: {generateName: pod-}
                spec:
                  containers: [{name: c, image: i}]
            """;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "unknown top-level field   | 'description:'            | 'descripton:'                         | workloads/Good.yaml: descripton: unknown field",
            "name not the file's       | 'name: Good'              | 'name: Other'                         | workloads/Good.yaml: name: \"Other\" differs from the file name Good.yaml",
            "no sizes                  | '- {name: 500Nodes, nodes: 500, initPods: 10, measurePods: 20}' | '- {}' | workloads/Good.yaml: sizes[0].nodes: required",
            "negative node count       | 'nodes: 500'              | 'nodes: -1'                           | workloads/Good.yaml: sizes[0].nodes: expected a whole number of at least 0",
            "text for a count          | 'measurePods: 20'         | 'measurePods: many'                   | workloads/Good.yaml: sizes[0].measurePods: expected a whole number",
            "pod without generateName  | '{generateName: pod-}'    | '{name: fixed}'                       | workloads/Good.yaml: measurePods.template.metadata.generateName: required",
            "same prefix twice         | '{generateName: pod-}'    | '{generateName: init-}'               | workloads/Good.yaml: measurePods.template.metadata.generateName: must differ",
            "bad placement             | 'initPods:\n  template'    | 'initPods:\n  placement: nowhere\n  template'       | workloads/Good.yaml: initPods.placement: must be \"scheduled\"",
            "placement of measured     | 'measurePods:\n  template' | 'measurePods:\n  placement: pending\n  template' | workloads/Good.yaml: measurePods.placement: unknown field",
            "wrong type in a template  | 'allocatable: {cpu: \"4\", memory: 32Gi, pods: \"110\"}' | 'allocatable: [5]' | workloads/Good.yaml: nodeTemplate.",
            "no warm-up pods           | 'sizes:'                  | 'warmupPods: 0\nsizes:'               | workloads/Good.yaml: warmupPods: must be at least 1",
            "text for warm-up pods     | 'sizes:'                  | 'warmupPods: lots\nsizes:'            | workloads/Good.yaml: warmupPods: expected a whole number",
            "malformed YAML            | 'sizes:'                  | 'sizes: [unclosed'                    | workloads/Good.yaml: ",
    })
    void refusesNamingFileAndField(String name, String from, String to, String message) {
        String text = GOOD.replace(from.replace("\\n", "\n"), to.replace("\\n", "\n"));
        assertThat(text).as("the row must change the file").isNotEqualTo(GOOD);
        assertThatThrownBy(() -> WorkloadReader.parse("workloads/Good.yaml", text))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining(message);
    }

    @ParameterizedTest(name = "warmupPods line \"{0}\" -> {1}")
    @CsvSource({
            "'',                    20",
            "'warmupPods: 5000\\n', 5000",
    })
    void warmUpPodsDefaultToTheSmallestSizesMeasuredPods(String line, int expected) {
        Workload w = WorkloadReader.parse("workloads/Good.yaml", GOOD.replace("sizes:\n", line.replace("\\n", "\n") + "sizes:\n"));
        assertThat(w.warmupPods()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            // placement line,       placement,  initial pod 12's node with 10 nodes
            "'',                     SCHEDULED,  ''",
            "'  placement: scheduled\\n', SCHEDULED, ''",
            "'  placement: bound\\n',     BOUND,     node-00002",
            "'  placement: pending\\n',   PENDING,   ''",
    })
    void initialPodsArePlacedAsTheFileSays(String line, Workload.Placement placement, String node) {
        Workload w = WorkloadReader.parse("workloads/Good.yaml",
                GOOD.replace("initPods:\n", "initPods:\n" + line.replace("\\n", "\n")));
        assertThat(w.initPods().placement()).isEqualTo(placement);
        assertThat(w.initPod(12, 10, "s").getSpec().getNodeName()).isEqualTo(node.isEmpty() ? null : node);
    }
}
