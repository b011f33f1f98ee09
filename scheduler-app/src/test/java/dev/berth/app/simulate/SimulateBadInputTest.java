package dev.berth.app.simulate;

import dev.berth.app.CommandOutput;
import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.app.ExitCodes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad scenarios and flags: exit code 2 and one line naming the document and field, never a stack trace. */
class SimulateBadInputTest {

    private static final String NODE = """
            apiVersion: v1
            kind: Node
            metadata: {name: node-a}
            status: {allocatable: {cpu: "1", memory: 1Gi, pods: "10"}}
            """;

    @TempDir
    Path dir;

    private String failing(String yaml, String... extraArgs) throws IOException {
        Path file = Files.writeString(dir.resolve("scenario.yaml"), yaml);
        String[] args = new String[extraArgs.length + 3];
        args[0] = "simulate";
        args[1] = "-f";
        args[2] = file.toString();
        System.arraycopy(extraArgs, 0, args, 3, extraArgs.length);
        CommandOutput out = CommandOutput.run(args);
        assertThat(out.exitCode()).as(out.stderr()).isEqualTo(ExitCodes.USAGE);
        assertThat(out.stdout()).isEmpty();
        assertThat(out.stderr()).doesNotContain("\tat ").doesNotContain("Exception");
        assertThat(out.stderr().strip()).as("one line").doesNotContain("\n");
        return out.stderr();
    }

    @Test
    void yamlSyntaxErrorNamesDocumentAndLine() throws IOException {
        String err = failing(NODE + "---\nkind: Pod\nmetadata: {name: web]\n---\n" + NODE);

        assertThat(err).contains("scenario.yaml: document 2: malformed YAML at line 7, column 21: ");
    }

    @Test
    void duplicateKeyIsNamed() throws IOException {
        String err = failing(NODE + "---\napiVersion: v1\nkind: Pod\nkind: Pod\nmetadata: {name: web}\n");

        assertThat(err).contains("document 2: malformed YAML").contains("kind");
    }

    @Test
    void unknownKindIsNamed() throws IOException {
        String err = failing(NODE + "---\napiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\n");

        assertThat(err).contains("document 2 (Deployment web): kind: unknown kind \"Deployment\"");
    }

    @Test
    void missingNameIsNamed() throws IOException {
        String err = failing("apiVersion: v1\nkind: Node\nmetadata: {labels: {a: b}}\n");

        assertThat(err).contains("document 1 (Node): metadata.name: required");
    }

    @Test
    void podWithoutContainersIsNamed() throws IOException {
        String err = failing(NODE + "---\napiVersion: v1\nkind: Pod\nmetadata: {name: empty, namespace: team}\nspec: {containers: []}\n");

        assertThat(err).contains("document 2 (Pod team/empty): spec.containers: a Pod needs at least one container");
    }

    @Test
    void unknownPriorityClassNamesThePod() throws IOException {
        String err = failing(NODE + "---\napiVersion: v1\nkind: Pod\nmetadata: {name: web}\n"
                + "spec: {priorityClassName: gold, containers: [{name: c, image: i}]}\n");

        assertThat(err).contains("document 2 (Pod web): spec.priorityClassName: no PriorityClass with name \"gold\"");
    }

    @Test
    void unreadableFileNamesTheFlag() {
        CommandOutput out = CommandOutput.run("simulate", "-f", dir.resolve("missing.yaml").toString());

        assertThat(out.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(out.stderr()).contains("-f: cannot read scenario").contains("missing.yaml: no such file");
    }

    @Test
    void unknownPluginInTheScenarioConfiguration() throws IOException {
        String err = failing("""
                apiVersion: kubescheduler.config.k8s.io/v1
                kind: KubeSchedulerConfiguration
                profiles:
                - plugins:
                    filter:
                      enabled:
                      - name: NoSuchPlugin
                ---
                """ + NODE);

        assertThat(err).contains("document 1 (KubeSchedulerConfiguration): profiles[0].plugins.filter.enabled[0]")
                .contains("NoSuchPlugin");
    }

    @Test
    void unknownPluginInTheConfigFlag() throws IOException {
        Path config = Files.writeString(dir.resolve("config.yaml"), """
                apiVersion: kubescheduler.config.k8s.io/v1
                kind: KubeSchedulerConfiguration
                profiles:
                - plugins:
                    score:
                      enabled:
                      - name: NoSuchPlugin
                """);
        String err = failing(NODE, "--config", config.toString());

        assertThat(err).contains("profiles[0].plugins.score.enabled[0]").contains("NoSuchPlugin");
    }

    @Test
    void wrongFieldTypeIsNamed() throws IOException {
        String err = failing(NODE + "---\napiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec: {containers: {name: c}}\n");

        assertThat(err).contains("document 2 (Pod web): ").contains("containers");
    }
}
