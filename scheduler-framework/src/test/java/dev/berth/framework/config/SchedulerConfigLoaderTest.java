package dev.berth.framework.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.framework.api.PluginArgs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SchedulerConfigLoaderTest {

    private static final String HEADER = """
            apiVersion: kubescheduler.config.k8s.io/v1
            kind: KubeSchedulerConfiguration
            """;

    /** A shortened version of upstream's default MultiPoint list, weights included. */
    private static final List<PluginRef> DEFAULT_MULTI_POINT = List.of(
            PluginRef.of("PrioritySort"),
            new PluginRef("TaintToleration", 3),
            new PluginRef("NodeAffinity", 2),
            new PluginRef("NodeResourcesFit", 1),
            new PluginRef("ImageLocality", 1),
            PluginRef.of("DefaultBinder"));
    private static final Set<String> KNOWN = Set.of("PrioritySort", "TaintToleration", "NodeAffinity",
            "NodeResourcesFit", "ImageLocality", "DefaultBinder", "Custom", "OtherSort");

    private final SchedulerConfigLoader loader = new SchedulerConfigLoader(KNOWN, DEFAULT_MULTI_POINT);

    @Test
    void defaultsAreUpstreamsWithBerthsLeaseName() {
        SchedulerConfiguration config = loader.defaults();

        assertThat(config).isEqualTo(new SchedulerConfiguration(16, 0, Duration.ofSeconds(1), Duration.ofSeconds(10),
                new LeaderElectionConfig(true, Duration.ofSeconds(15), Duration.ofSeconds(10), Duration.ofSeconds(2),
                        "leases", "berth-scheduler", "kube-system"),
                List.of(new ProfileConfig("default-scheduler", null, plugins(Map.of(
                        ExtensionPoint.MULTI_POINT, new PluginSet(DEFAULT_MULTI_POINT, List.of()))), Map.of()))));
    }

    @Test
    void aDocumentWithOnlyTheHeaderGetsTheDefaults() {
        assertThat(loader.parse(HEADER)).isEqualTo(loader.defaults());
    }

    @Test
    void anEmptyProfileGetsTheDefaultNameAndPlugins() {
        SchedulerConfiguration config = loader.parse(HEADER + """
                profiles:
                - schedulerName: ""
                """);

        assertThat(config.profiles()).isEqualTo(loader.defaults().profiles());
    }

    @Test
    void readsAFullConfigurationWithTwoProfiles() {
        SchedulerConfiguration config = loader.parse(HEADER + """
                parallelism: 8
                percentageOfNodesToScore: 50
                podInitialBackoffSeconds: 2
                podMaxBackoffSeconds: 30
                clientConnection:
                  kubeconfig: /etc/kubernetes/scheduler.conf
                  qps: 50
                enableProfiling: true
                enableContentionProfiling: false
                healthzBindAddress: 0.0.0.0:10251
                metricsBindAddress: 0.0.0.0:10251
                delayCacheUntilActive: true
                extenders: []
                leaderElection:
                  leaderElect: false
                  leaseDuration: 1m30s
                  renewDeadline: 1m
                  retryPeriod: 500ms
                  resourceLock: leases
                  resourceName: my-scheduler
                  resourceNamespace: scheduling
                profiles:
                - schedulerName: default-scheduler
                  pluginConfig:
                  - name: NodeResourcesFit
                    args:
                      scoringStrategy:
                        type: MostAllocated
                        resources:
                        - name: cpu
                          weight: 2
                  - name: Custom
                - schedulerName: batch
                  percentageOfNodesToScore: 20
                  plugins:
                    score:
                      disabled:
                      - name: "*"
                      enabled:
                      - name: Custom
                        weight: 5
                    filter:
                      disabled:
                      - name: TaintToleration
                """);

        ProfileConfig first = config.profiles().get(0);
        ProfileConfig batch = config.profiles().get(1);
        assertThat(config.parallelism()).isEqualTo(8);
        assertThat(config.percentageOfNodesToScore()).isEqualTo(50);
        assertThat(config.podInitialBackoff()).isEqualTo(Duration.ofSeconds(2));
        assertThat(config.podMaxBackoff()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.leaderElection()).isEqualTo(new LeaderElectionConfig(false, Duration.ofSeconds(90),
                Duration.ofMinutes(1), Duration.ofMillis(500), "leases", "my-scheduler", "scheduling"));
        assertThat(first.schedulerName()).isEqualTo("default-scheduler");
        assertThat(first.percentageOfNodesToScore()).isNull();
        assertThat(first.plugins()).isEqualTo(loader.defaults().profiles().get(0).plugins());
        assertThat(first.pluginConfig()).containsOnlyKeys("NodeResourcesFit", "Custom");
        assertThat(first.argsFor("NodeResourcesFit").asMap()).isEqualTo(Map.of("scoringStrategy", Map.of(
                "type", "MostAllocated", "resources", List.of(Map.of("name", "cpu", "weight", 2)))));
        assertThat(first.argsFor("Custom")).isSameAs(PluginArgs.empty());
        assertThat(first.argsFor("ImageLocality")).isSameAs(PluginArgs.empty());
        assertThat(batch.schedulerName()).isEqualTo("batch");
        assertThat(batch.percentageOfNodesToScore()).isEqualTo(20);
        assertThat(batch.plugins()).isEqualTo(plugins(Map.of(
                ExtensionPoint.MULTI_POINT, new PluginSet(DEFAULT_MULTI_POINT, List.of()),
                ExtensionPoint.SCORE, new PluginSet(List.of(new PluginRef("Custom", 5)), List.of("*")),
                ExtensionPoint.FILTER, new PluginSet(List.of(), List.of("TaintToleration")))));
        assertThat(batch.pluginConfig()).isEmpty();
    }

    @Test
    void keepsPluginConfigInConfigurationOrder() {
        ProfileConfig profile = loader.parse(HEADER + """
                profiles:
                - pluginConfig:
                  - name: TaintToleration
                  - name: Custom
                    args: {a: 1}
                  - name: ImageLocality
                """).profiles().get(0);

        assertThat(profile.pluginConfig().keySet()).containsExactly("TaintToleration", "Custom", "ImageLocality");
    }

    static Stream<Arguments> multiPointMerges() {
        return Stream.of(
                Arguments.of("disable one default", """
                        disabled:
                        - name: NodeAffinity
                        """,
                        new PluginSet(List.of(PluginRef.of("PrioritySort"), new PluginRef("TaintToleration", 3),
                                new PluginRef("NodeResourcesFit", 1), new PluginRef("ImageLocality", 1),
                                PluginRef.of("DefaultBinder")), List.of("NodeAffinity"))),
                Arguments.of("disable all defaults", """
                        disabled:
                        - name: "*"
                        enabled:
                        - name: OtherSort
                        - name: DefaultBinder
                        """,
                        new PluginSet(List.of(PluginRef.of("OtherSort"), PluginRef.of("DefaultBinder")), List.of("*"))),
                Arguments.of("re-enabled default keeps its position and takes the new weight", """
                        enabled:
                        - name: ImageLocality
                          weight: 7
                        - name: TaintToleration
                          weight: 4
                        """,
                        new PluginSet(List.of(PluginRef.of("PrioritySort"), new PluginRef("TaintToleration", 4),
                                new PluginRef("NodeAffinity", 2), new PluginRef("NodeResourcesFit", 1),
                                new PluginRef("ImageLocality", 7), PluginRef.of("DefaultBinder")), List.of())),
                Arguments.of("custom plugin is appended", """
                        enabled:
                        - name: Custom
                          weight: 2
                        """,
                        new PluginSet(List.of(PluginRef.of("PrioritySort"), new PluginRef("TaintToleration", 3),
                                new PluginRef("NodeAffinity", 2), new PluginRef("NodeResourcesFit", 1),
                                new PluginRef("ImageLocality", 1), PluginRef.of("DefaultBinder"),
                                new PluginRef("Custom", 2)), List.of())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("multiPointMerges")
    void mergesMultiPointWithTheDefaults(String name, String multiPoint, PluginSet expected) {
        ProfileConfig profile = loader.parse(HEADER + """
                profiles:
                - plugins:
                    multiPoint:
                """ + multiPoint.indent(6)).profiles().get(0);

        assertThat(profile.plugins().get(ExtensionPoint.MULTI_POINT)).isEqualTo(expected);
    }

    @Test
    void everyExtensionPointIsReadFromItsYamlName() {
        StringBuilder yaml = new StringBuilder(HEADER + "profiles:\n- plugins:\n");
        for (ExtensionPoint point : ExtensionPoint.values()) {
            yaml.append("    ").append(point.yamlName()).append(":\n      enabled:\n      - name: Custom\n");
        }

        ProfileConfig profile = loader.parse(yaml.toString()).profiles().get(0);

        for (ExtensionPoint point : ExtensionPoint.values()) {
            assertThat(profile.plugins().get(point).enabled()).as(point.yamlName()).endsWith(PluginRef.of("Custom"));
        }
    }

    @Test
    void leaderElectionSettingsAreNotCheckedWhenNotElecting() {
        SchedulerConfiguration config = loader.parse(HEADER + """
                leaderElection:
                  leaderElect: false
                  leaseDuration: 1s
                  renewDeadline: 0s
                """);

        assertThat(config.leaderElection().leaseDuration()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void profilesWithTheSameQueueSortAreAccepted() {
        SchedulerConfiguration config = loader.parse(HEADER + """
                profiles:
                - schedulerName: a
                  plugins:
                    queueSort:
                      enabled: [{name: OtherSort}]
                - schedulerName: b
                  plugins:
                    queueSort:
                      enabled: [{name: OtherSort}]
                """);

        assertThat(config.profiles()).extracting(ProfileConfig::schedulerName).containsExactly("a", "b");
    }

    static Stream<Arguments> invalidDocuments() {
        return Stream.of(
                // type meta
                Arguments.of("", "apiVersion", "must be \"kubescheduler.config.k8s.io/v1\", got nothing"),
                Arguments.of("apiVersion: kubescheduler.config.k8s.io/v1beta3\nkind: KubeSchedulerConfiguration\n",
                        "apiVersion", "must be \"kubescheduler.config.k8s.io/v1\", got \"kubescheduler.config.k8s.io/v1beta3\""),
                Arguments.of("apiVersion: kubescheduler.config.k8s.io/v1\nkind: Scheduler\n",
                        "kind", "must be \"KubeSchedulerConfiguration\", got \"Scheduler\""),
                Arguments.of("- a\n", "", "the configuration must be a YAML mapping"),
                // unknown fields
                Arguments.of(HEADER + "paralelism: 4\n", "paralelism", "unknown field"),
                Arguments.of(HEADER + "leaderElection:\n  leaseDurration: 5s\n", "leaderElection.leaseDurration", "unknown field"),
                Arguments.of(HEADER + "profiles:\n- name: x\n", "profiles[0].name", "unknown field"),
                Arguments.of(HEADER + "profiles:\n- plugins:\n    scroe: {}\n", "profiles[0].plugins.scroe", "unknown field"),
                Arguments.of(HEADER + "profiles:\n- plugins:\n    score:\n      enable: []\n",
                        "profiles[0].plugins.score.enable", "unknown field"),
                Arguments.of(HEADER + "profiles:\n- plugins:\n    score:\n      enabled:\n      - name: Custom\n        wieght: 2\n",
                        "profiles[0].plugins.score.enabled[0].wieght", "unknown field"),
                Arguments.of(HEADER + "profiles:\n- pluginConfig:\n  - name: Custom\n    argz: {}\n",
                        "profiles[0].pluginConfig[0].argz", "unknown field"),
                Arguments.of(HEADER + "extenders:\n- urlPrefix: http://extender\n", "extenders", "extenders are not supported"),
                // plugin names and weights
                Arguments.of(HEADER + "profiles:\n- plugins:\n    score:\n      enabled:\n      - name: Custom\n      - name: Foo\n",
                        "profiles[0].plugins.score.enabled[1]", "unknown plugin \"Foo\""),
                Arguments.of(HEADER + "profiles:\n- plugins:\n    filter:\n      disabled:\n      - name: Foo\n",
                        "profiles[0].plugins.filter.disabled[0]", "unknown plugin \"Foo\""),
                Arguments.of(HEADER + "profiles:\n- plugins:\n    filter:\n      enabled:\n      - name: \"*\"\n",
                        "profiles[0].plugins.filter.enabled[0]", "unknown plugin \"*\""),
                Arguments.of(HEADER + "profiles:\n- schedulerName: a\n- schedulerName: b\n  pluginConfig:\n  - name: Foo\n",
                        "profiles[1].pluginConfig[0].name", "unknown plugin \"Foo\""),
                Arguments.of(HEADER + "profiles:\n- plugins:\n    filter:\n      enabled:\n      - weight: 1\n",
                        "profiles[0].plugins.filter.enabled[0].name", "required"),
                Arguments.of(HEADER + "profiles:\n- pluginConfig:\n  - args: {}\n",
                        "profiles[0].pluginConfig[0].name", "required"),
                Arguments.of(HEADER + "profiles:\n- plugins:\n    score:\n      enabled:\n      - name: Custom\n        weight: -1\n",
                        "profiles[0].plugins.score.enabled[0].weight", "must not be negative, got -1"),
                Arguments.of(HEADER + "profiles:\n- plugins:\n    multiPoint:\n      enabled:\n"
                                + "      - name: Custom\n      - name: ImageLocality\n      - name: Custom\n",
                        "profiles[0].plugins.multiPoint.enabled[2]", "plugin \"Custom\" is enabled more than once"),
                Arguments.of(HEADER + "profiles:\n- pluginConfig:\n  - name: Custom\n  - name: Custom\n",
                        "profiles[0].pluginConfig[1].name", "plugin \"Custom\" is configured more than once"),
                // profiles
                Arguments.of(HEADER + "profiles:\n- schedulerName: a\n- schedulerName: b\n- schedulerName: a\n",
                        "profiles[2].schedulerName", "duplicate scheduler name \"a\""),
                Arguments.of(HEADER + "profiles:\n- {}\n- schedulerName: \"\"\n",
                        "profiles[1].schedulerName", "duplicate scheduler name \"default-scheduler\""),
                Arguments.of(HEADER + "profiles:\n- schedulerName: a\n- schedulerName: b\n  plugins:\n"
                                + "    queueSort:\n      enabled:\n      - name: OtherSort\n",
                        "profiles[1].plugins.queueSort", "must be the same for all profiles"),
                Arguments.of(HEADER + "profiles:\n- schedulerName: a\n  percentageOfNodesToScore: -1\n",
                        "profiles[0].percentageOfNodesToScore", "must be between 0 and 100, got -1"),
                // ranges and relations
                Arguments.of(HEADER + "percentageOfNodesToScore: 101\n",
                        "percentageOfNodesToScore", "must be between 0 and 100, got 101"),
                Arguments.of(HEADER + "parallelism: 0\n", "parallelism", "must be greater than 0, got 0"),
                Arguments.of(HEADER + "podInitialBackoffSeconds: 0\n", "podInitialBackoffSeconds", "must be greater than 0, got 0"),
                Arguments.of(HEADER + "podInitialBackoffSeconds: 5\npodMaxBackoffSeconds: 4\n", "podMaxBackoffSeconds",
                        "must be greater than or equal to podInitialBackoffSeconds (5), got 4"),
                Arguments.of(HEADER + "leaderElection:\n  leaseDuration: 10s\n", "leaderElection.leaseDuration",
                        "must be greater than renewDeadline"),
                Arguments.of(HEADER + "leaderElection:\n  renewDeadline: 0s\n", "leaderElection.renewDeadline",
                        "must be greater than 0"),
                Arguments.of(HEADER + "leaderElection:\n  retryPeriod: 0s\n", "leaderElection.retryPeriod",
                        "must be greater than 0"),
                Arguments.of(HEADER + "leaderElection:\n  resourceName: \"\"\n", "leaderElection.resourceName",
                        "must not be empty"),
                // types
                Arguments.of(HEADER + "parallelism: \"16\"\n", "parallelism", "must be an integer"),
                Arguments.of(HEADER + "parallelism: 3000000000\n", "parallelism", "must be an integer"),
                Arguments.of(HEADER + "profiles:\n- plugins:\n    score:\n      enabled:\n      - name: Custom\n        weight: 1.5\n",
                        "profiles[0].plugins.score.enabled[0].weight", "must be an integer"),
                Arguments.of(HEADER + "leaderElection:\n  leaderElect: \"yes\"\n", "leaderElection.leaderElect",
                        "must be true or false"),
                Arguments.of(HEADER + "leaderElection:\n  leaseDuration: 15\n", "leaderElection.leaseDuration",
                        "must be a duration string such as \"15s\""),
                Arguments.of(HEADER + "leaderElection:\n  leaseDuration: 10x\n", "leaderElection.leaseDuration",
                        "invalid duration \"10x\": unknown unit \"x\" (use ns, us, ms, s, m or h)"),
                Arguments.of(HEADER + "leaderElection:\n  resourceName: 5\n", "leaderElection.resourceName", "must be a string"),
                Arguments.of(HEADER + "profiles:\n  schedulerName: a\n", "profiles", "must be a list"),
                Arguments.of(HEADER + "profiles:\n- plugins: [score]\n", "profiles[0].plugins", "must be a mapping"),
                Arguments.of(HEADER + "profiles:\n- pluginConfig:\n  - name: Custom\n    args: [1]\n",
                        "profiles[0].pluginConfig[0].args", "must be a mapping"));
    }

    @ParameterizedTest(name = "{1}: {2}")
    @MethodSource("invalidDocuments")
    void rejectsInvalidDocuments(String yaml, String field, String reason) {
        assertThatThrownBy(() -> loader.parse(yaml))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.field()).isEqualTo(field))
                .hasMessage(field.isEmpty() ? reason : field + ": " + reason);
    }

    @Test
    void malformedYamlIsReportedWithItsPosition() {
        assertThatThrownBy(() -> loader.parse(HEADER + "profiles:\n- schedulerName: [a\n"))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.field()).isEmpty())
                .hasMessage("malformed YAML at line 5, column 1: while parsing a flow sequence: "
                        + "expected ',' or ']', but got <stream end>");
    }

    @Test
    void aDuplicateKeyIsMalformed() {
        assertThatThrownBy(() -> loader.parse(HEADER + "parallelism: 4\nparallelism: 8\n"))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.field()).isEmpty())
                .hasMessage("malformed YAML at line 4, column 12: Duplicate Object property \"parallelism\"");
    }

    @Test
    void loadsAFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("config.yaml");
        Files.writeString(file, HEADER + "parallelism: 4\n");

        assertThat(loader.load(file).parallelism()).isEqualTo(4);
    }

    @Test
    void aMissingFileIsNamed(@TempDir Path dir) {
        Path file = dir.resolve("absent.yaml");

        assertThatThrownBy(() -> loader.load(file))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.field()).isEmpty())
                .hasMessage("cannot read scheduler configuration " + file + ": no such file");
    }

    @Test
    void defaultPluginsMustBeKnown() {
        assertThatThrownBy(() -> new SchedulerConfigLoader(Set.of("A"), List.of(PluginRef.of("B"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("default plugin \"B\" is not a known plugin");
    }

    /** Every extension point empty except the given ones. */
    private static Map<ExtensionPoint, PluginSet> plugins(Map<ExtensionPoint, PluginSet> given) {
        Map<ExtensionPoint, PluginSet> all = new EnumMap<>(ExtensionPoint.class);
        for (ExtensionPoint point : ExtensionPoint.values()) {
            all.put(point, given.getOrDefault(point, PluginSet.empty()));
        }
        return all;
    }
}
