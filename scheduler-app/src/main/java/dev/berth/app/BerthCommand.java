package dev.berth.app;

import dev.berth.app.bench.BenchCommand;
import dev.berth.app.scheduler.SchedulerCommand;
import dev.berth.app.up.UpCommand;
import dev.berth.app.simulate.SimulateCommand;
import dev.berth.app.store.StoreCommand;
import picocli.CommandLine.Command;

/** The {@code berth} command and its subcommands. */
@Command(name = "berth", mixinStandardHelpOptions = true, versionProvider = BerthVersion.class,
        description = "A Kubernetes scheduling-framework plugin host for the JVM.",
        subcommands = {UpCommand.class, SchedulerCommand.class, StoreCommand.class, SimulateCommand.class, BenchCommand.class, picocli.CommandLine.HelpCommand.class},
        footer = {"", "Examples:", "  berth up --demo", "  berth simulate -f scenario.yaml -o table",
                "  berth bench --in-process --workload SchedulingBasic --nodes 5000 --pods 10000",
                "  berth store --name n1 --data-dir n1.berth",
                "  berth scheduler --kubeconfig ~/.kube/config"})
public final class BerthCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "missing command: choose one of " + spec.subcommands().keySet());
    }
}
