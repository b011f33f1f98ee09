package dev.berth.app.simulate;

import dev.berth.app.PluginSetup;
import dev.berth.app.UsageException;
import dev.berth.framework.config.ConfigException;
import dev.berth.framework.config.SchedulerConfigLoader;
import dev.berth.framework.config.SchedulerConfiguration;
import dev.berth.framework.registry.PluginRegistry;
import dev.berth.framework.simulate.DocumentRef;
import dev.berth.framework.simulate.Scenario;
import dev.berth.framework.simulate.ScenarioException;
import dev.berth.framework.simulate.ScenarioFormatException;
import dev.berth.framework.simulate.ScenarioReader;
import dev.berth.framework.simulate.SimulationResult;
import dev.berth.framework.simulate.Simulator;
import dev.berth.plugins.capacityscheduling.ElasticQuota;
import dev.berth.plugins.coscheduling.PodGroup;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code berth simulate}: schedules a scenario file and explains every decision. */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = "Schedule the pods of a scenario file (Kubernetes manifests) and explain every decision: "
                + "each Filter plugin's verdict and each Score plugin's score on every node.",
        footer = {"", "Examples:",
                "  berth simulate -f scenario.yaml",
                "  berth simulate -f scenario.yaml --config scheduler-config.yaml -o table"})
public final class SimulateCommand implements Callable<Integer> {

    /** The output formats. */
    enum Format { json, table }

    /** The out-of-tree plugins' kinds, read as the models they look up: Coscheduling's PodGroup, CapacityScheduling's ElasticQuota. */
    private static final Map<String, Class<? extends HasMetadata>> CUSTOM_KINDS = Map.of("PodGroup", PodGroup.class,
            ElasticQuota.KIND, ElasticQuota.class);

    @Spec
    CommandSpec spec;

    @Option(names = {"-f", "--filename"}, required = true, paramLabel = "SCENARIO.yaml",
            description = "The scenario: Nodes, Pods and the objects they need, optionally a KubeSchedulerConfiguration.")
    Path scenarioFile;

    @Option(names = "--config", paramLabel = "FILE",
            description = "A KubeSchedulerConfiguration, when the scenario holds none (default: the default profile).")
    Path configFile;

    @Option(names = "--plugins-dir", paramLabel = "DIR", description = "Load out-of-tree plugins from the jars in DIR.")
    Path pluginsDir;

    @Option(names = {"-o", "--output"}, defaultValue = "json", paramLabel = "FORMAT",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Format format;

    @Override
    public Integer call() {
        Scenario scenario = readScenario();
        PluginRegistry registry = PluginSetup.registry(pluginsDir);
        SchedulerConfiguration config = configuration(scenario, registry);
        SimulationResult result;
        try {
            result = new Simulator(config, registry).run(scenario.objects());
        } catch (ScenarioException e) {
            String where = scenario.originOf(e.object()).map(DocumentRef::describe).orElse("a scenario object");
            throw new UsageException(scenarioFile + ": " + where + ": " + e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println(format == Format.json ? SimulationJson.format(result) : SimulationTable.format(result).stripTrailing());
        out.flush();
        return 0;
    }

    private Scenario readScenario() {
        String text;
        try {
            text = Files.readString(scenarioFile);
        } catch (NoSuchFileException e) {
            throw new UsageException("-f: cannot read scenario " + scenarioFile + ": no such file");
        } catch (IOException e) {
            throw new UsageException("-f: cannot read scenario " + scenarioFile + ": " + e.getMessage());
        }
        try {
            return new ScenarioReader(scenarioFile.toString(), CUSTOM_KINDS).read(text);
        } catch (ScenarioFormatException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /** The scenario's own configuration, else --config, else the default profile. */
    private SchedulerConfiguration configuration(Scenario scenario, PluginRegistry registry) {
        SchedulerConfigLoader loader = PluginSetup.configLoader(registry);
        if (scenario.configuration() != null) {
            if (configFile != null) {
                spec.commandLine().getErr().println("berth: --config " + configFile + " is ignored: the scenario's "
                        + scenario.configurationRef().describe() + " is the configuration");
            }
            try {
                return loader.parse(scenario.configuration());
            } catch (ConfigException e) {
                throw new UsageException(scenarioFile + ": " + scenario.configurationRef().describe() + ": " + e.getMessage());
            }
        }
        return configFile == null ? loader.defaults() : loader.load(configFile);
    }
}
