package dev.berth.app.simulate;

import dev.berth.app.CommandOutput;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code berth simulate} end to end with the default plugin set: the JSON it prints for each scenario. */
class SimulateCommandTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static JsonNode simulate(String scenario) {
        CommandOutput out = CommandOutput.run("simulate", "-f", CommandOutput.scenario(scenario).toString());
        assertThat(out.exitCode()).as(out.stderr()).isZero();
        return JSON.readTree(out.stdout()).get("results");
    }

    @Test
    void resourceFitRejectsTheSmallNodeAndExplainsTheScores() {
        JsonNode web = simulate("resource-fit.yaml").get(0);

        assertThat(web.get("pod").asString()).isEqualTo("default/web-1");
        assertThat(web.get("status").asString()).isEqualTo("Scheduled");
        assertThat(web.get("node").asString()).isEqualTo("node-b");
        assertThat(web.at("/filter/node-a/NodeResourcesFit").asString()).isEqualTo("Insufficient cpu");
        assertThat(web.at("/filter/node-b/NodeResourcesFit").asString()).isEqualTo("passed");
        // Only feasible nodes are scored.
        assertThat(web.get("score").propertyNames()).containsExactly("node-b");
        // LeastAllocated: cpu (4-2)*100/4 = 50, memory (8-2)*100/8 = 75, mean (50+75)/2 = 62.
        assertThat(web.at("/score/node-b/NodeResourcesFit").asLong()).isEqualTo(62);
        // Balance (1-std)*100 with the pod: fractions 0.5 and 0.25, std 0.125 -> 87; without: 100;
        // score 50 + (50 + 87 - 100) / 2 = 68.
        assertThat(web.at("/score/node-b/NodeResourcesBalancedAllocation").asLong()).isEqualTo(68);
        assertThat(web.at("/score/node-b/TaintToleration").asLong()).isEqualTo(100);
        // Weights: TaintToleration 3, NodeResourcesFit 1, BalancedAllocation 1, ImageLocality 1 (scores 0).
        assertThat(web.at("/finalScore/node-b").asLong()).isEqualTo(3 * 100 + 62 + 68);
        assertThat(web.get("nominatedNode").isNull()).isTrue();
        assertThat(web.get("victims")).isEmpty();
        assertThat(web.get("message").asString()).isEmpty();
    }

    @Test
    void filteringOfANodeStopsAtItsFirstFailingPlugin() {
        JsonNode web = simulate("resource-fit.yaml").get(0);

        assertThat(web.at("/filter/node-a").propertyNames())
                .containsExactly("NodeUnschedulable", "NodeName", "TaintToleration", "NodeResourcesFit");
        JsonNode picky = simulate("taints-affinity.yaml").get(0);
        assertThat(picky.at("/filter/node-a").propertyNames()).endsWith("TaintToleration").doesNotContain("NodeAffinity");
    }

    @Test
    void untoleratedTaintAndNodeAffinityRuleNodesOut() {
        JsonNode picky = simulate("taints-affinity.yaml").get(0);

        assertThat(picky.at("/filter/node-a/TaintToleration").asString()).isEqualTo("node(s) had untolerated taint {dedicated: gpu}");
        assertThat(picky.at("/filter/node-c/NodeAffinity").asString()).isEqualTo("node(s) didn't match Pod's node affinity/selector");
        assertThat(picky.at("/filter/node-b/NodeAffinity").asString()).isEqualTo("passed");
        assertThat(picky.get("node").asString()).isEqualTo("node-b");
    }

    @Test
    void unschedulablePodGetsUpstreamsFitErrorMessage() {
        JsonNode nowhere = simulate("taints-affinity.yaml").get(1);

        assertThat(nowhere.get("status").asString()).isEqualTo("Unschedulable");
        assertThat(nowhere.get("node").isNull()).isTrue();
        assertThat(nowhere.get("message").asString()).startsWith("0/3 nodes are available: "
                + "1 node(s) had untolerated taint {dedicated: gpu}, 2 node(s) didn't match Pod's node affinity/selector. "
                + "preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.");
        assertThat(nowhere.get("score")).isEmpty();
    }

    @Test
    void eachPlacedPodCountsForTheNext() {
        JsonNode results = simulate("accumulation.yaml");

        // Equal scores: the tie goes to the name that sorts first.
        assertThat(results.at("/0/finalScore/node-a").asLong()).isEqualTo(results.at("/0/finalScore/node-b").asLong());
        assertThat(results.at("/0/node").asString()).isEqualTo("node-a");
        assertThat(results.at("/1/filter/node-a/NodeResourcesFit").asString()).isEqualTo("Insufficient cpu");
        assertThat(results.at("/1/node").asString()).isEqualTo("node-b");
    }

    @Test
    void highPriorityPodPreemptsALowPriorityOne() {
        JsonNode urgent = simulate("preemption.yaml").get(0);

        assertThat(urgent.get("nominatedNode").asString()).isEqualTo("node-a");
        assertThat(urgent.get("victims").toString()).isEqualTo("[\"default/batch\"]");
        // The result is the retry's: the victim is gone, so the node fits.
        assertThat(urgent.get("status").asString()).isEqualTo("Scheduled");
        assertThat(urgent.get("node").asString()).isEqualTo("node-a");
        assertThat(urgent.at("/filter/node-a/NodeResourcesFit").asString()).isEqualTo("passed");
    }

    @Test
    void disruptionBudgetSteersPreemptionAway() {
        JsonNode urgent = simulate("pdb-preemption.yaml").get(0);

        // node-a would sort first, but evicting db-0 there would break its budget (minAvailable 1 of 1).
        assertThat(urgent.get("nominatedNode").asString()).isEqualTo("node-b");
        assertThat(urgent.get("victims").toString()).isEqualTo("[\"default/cache-0\"]");
        assertThat(urgent.get("node").asString()).isEqualTo("node-b");
    }

    @Test
    void coschedulingTurnsAwayAGangThatCannotFormAndSchedulesTheRest() {
        JsonNode results = simulate("coscheduling.yaml");

        // simulate adds pods to the cluster in file order, so trainer-0 sees itself only.
        for (int i = 0; i < 2; i++) {
            JsonNode trainer = results.get(i);
            assertThat(trainer.get("pod").asString()).isEqualTo("default/trainer-" + i);
            assertThat(trainer.get("status").asString()).isEqualTo("Unschedulable");
            assertThat(trainer.get("message").asString()).startsWith("0/1 nodes are available: pre-filter pod trainer-" + i
                    + " cannot find enough sibling pods, current pods number: " + (i + 1) + ", minMember of group: 3.")
                    .endsWith("PodGroup default/trainer gets rejected due to Pod trainer-" + i + " is unschedulable even after PostFilter.");
            assertThat(trainer.get("filter")).isEmpty();
        }
        assertThat(results.get(2).get("pod").asString()).isEqualTo("default/solo-0");
        assertThat(results.get(2).get("status").asString()).isEqualTo("Scheduled");
        JsonNode orphan = results.get(3);
        assertThat(orphan.get("status").asString()).isEqualTo("Unschedulable");
        assertThat(orphan.get("message").asString()).contains("PodGroup not found");
        assertThat(results.get(4).get("status").asString()).isEqualTo("Scheduled");
    }

    @Test
    void capacitySchedulingKeepsANamespaceWithinItsMaxAndTakesBackWhatIsBorrowed() {
        JsonNode results = simulate("capacity-scheduling.yaml");

        assertThat(results.get(0).get("node").asString()).isEqualTo("node-a");
        assertThat(results.get(1).get("node").asString()).isEqualTo("node-a");
        JsonNode overMax = results.get(2);
        assertThat(overMax.get("pod").asString()).isEqualTo("team-a/a-3");
        assertThat(overMax.get("status").asString()).isEqualTo("Unschedulable");
        assertThat(overMax.get("message").asString())
                .contains("Pod team-a/a-3 is rejected in PreFilter because ElasticQuota team-a is more than Max");
        assertThat(results.get(3).get("node").asString()).isEqualTo("node-a");
        JsonNode takesBack = results.get(4);
        assertThat(takesBack.get("pod").asString()).isEqualTo("team-b/b-2");
        assertThat(takesBack.get("nominatedNode").asString()).isEqualTo("node-a");
        assertThat(takesBack.get("victims").toString()).isEqualTo("[\"team-a/a-1\"]");
        assertThat(takesBack.get("node").asString()).isEqualTo("node-a");
    }

    @Test
    void twoRunsPrintTheSameBytes() {
        for (String scenario : new String[] {"accumulation.yaml", "pdb-preemption.yaml", "taints-affinity.yaml"}) {
            String path = CommandOutput.scenario(scenario).toString();
            CommandOutput first = CommandOutput.run("simulate", "-f", path);
            CommandOutput second = CommandOutput.run("simulate", "-f", path);
            assertThat(first.exitCode()).isZero();
            assertThat(second.stdout()).as(scenario).isEqualTo(first.stdout());
        }
    }

    @Test
    void tableShowsEachPodsNodeAndAPerNodeTable() {
        CommandOutput out = CommandOutput.run("simulate", "-o", "table", "-f", CommandOutput.scenario("taints-affinity.yaml").toString());

        assertThat(out.exitCode()).isZero();
        String[] lines = out.stdout().split("\n");
        assertThat(lines[0]).isEqualTo("default/picky: node-b");
        assertThat(lines[1]).startsWith("  NODE").contains("TaintToleration", "NodeAffinity", "score:TaintToleration").endsWith("FINAL");
        assertThat(lines[2]).startsWith("  node-a").contains("node(s) had untolerated taint {dedicated: gpu}");
        assertThat(lines[3]).startsWith("  node-b").endsWith("397");
        assertThat(out.stdout()).contains("default/nowhere: Pending: 0/3 nodes are available: 1 node(s) had untolerated taint");
    }

    @Test
    void tableShowsThePreemption() {
        CommandOutput out = CommandOutput.run("simulate", "-o", "table", "-f", CommandOutput.scenario("preemption.yaml").toString());

        assertThat(out.stdout()).startsWith("default/urgent: node-a\n  preempted on node-a: evicted default/batch\n");
    }

    @Test
    void scenarioConfigurationSelectsTheProfile(@TempDir Path dir) throws IOException {
        Path scenario = write(dir, """
                apiVersion: kubescheduler.config.k8s.io/v1
                kind: KubeSchedulerConfiguration
                profiles:
                - schedulerName: only-fit
                  plugins:
                    multiPoint:
                      disabled:
                      - name: "*"
                      enabled:
                      - name: PrioritySort
                      - name: NodeResourcesFit
                      - name: DefaultBinder
                ---
                kind: Node
                apiVersion: v1
                metadata: {name: node-a}
                status: {allocatable: {cpu: "1", memory: 1Gi, pods: "10"}}
                ---
                kind: Pod
                apiVersion: v1
                metadata: {name: fits}
                spec: {schedulerName: only-fit, containers: [{name: c, image: i}]}
                ---
                kind: Pod
                apiVersion: v1
                metadata: {name: stray}
                spec: {containers: [{name: c, image: i}]}
                """);
        CommandOutput out = CommandOutput.run("simulate", "-f", scenario.toString());

        assertThat(out.exitCode()).as(out.stderr()).isZero();
        JsonNode results = JSON.readTree(out.stdout()).get("results");
        assertThat(results.at("/0/filter/node-a").propertyNames()).containsExactly("NodeResourcesFit");
        assertThat(results.at("/0/node").asString()).isEqualTo("node-a");
        assertThat(results.at("/1/status").asString()).isEqualTo("Error");
        assertThat(results.at("/1/message").asString())
                .isEqualTo("spec.schedulerName \"default-scheduler\" matches no profile; the profiles are [only-fit]");
    }

    private static Path write(Path dir, String yaml) throws IOException {
        return Files.writeString(dir.resolve("scenario.yaml"), yaml);
    }
}
