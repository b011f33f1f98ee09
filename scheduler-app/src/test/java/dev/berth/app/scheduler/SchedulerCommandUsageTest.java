package dev.berth.app.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.app.CommandOutput;
import dev.berth.testkit.PluginJar;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Bad usage of {@code berth scheduler} exits 2 naming the flag at fault, before it talks to any cluster. */
class SchedulerCommandUsageTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "no cluster given                 | --http 127.0.0.1:0                                  | exactly one of --kubeconfig FILE and --in-cluster",
            "both cluster sources             | --in-cluster --kubeconfig KUBECONFIG                | exactly one of --kubeconfig FILE and --in-cluster",
            "missing kubeconfig file          | --kubeconfig MISSING                                | cannot read it",
            "kubeconfig that is not one       | --kubeconfig GARBAGE                                | not a usable kubeconfig",
            "http without a port              | --kubeconfig KUBECONFIG --http 127.0.0.1            | --http 127.0.0.1: expected HOST:PORT",
            "http port out of range           | --kubeconfig KUBECONFIG --http 127.0.0.1:70000      | the port must be a number from 0 to 65535",
            "no attempts kept                 | --kubeconfig KUBECONFIG --explain-history 0         | --explain-history 0: want at least 1 pod",
            "burst below one with a qps       | --kubeconfig KUBECONFIG --kube-api-burst 0          | --kube-api-burst 0: want at least 1",
            "qps that is not a number         | --kubeconfig KUBECONFIG --kube-api-qps fast         | --kube-api-qps",
            "plugin jar for another API       | --kubeconfig KUBECONFIG --plugins-dir PLUGINS       | old.jar (ext.OldFactory) is built for plugin API version 0",
    })
    void badUsageExitsTwoNamingTheFlag(String name, String args, String message) throws Exception {
        Path kubeconfig = Files.writeString(dir.resolve("kubeconfig"), """
                apiVersion: v1
                kind: Config
                clusters: [{name: c, cluster: {server: "http://127.0.0.1:1"}}]
                users: [{name: u, user: {token: t}}]
                contexts: [{name: x, context: {cluster: c, user: u}}]
                current-context: x
                """);
        Path garbage = Files.writeString(dir.resolve("garbage"), "{ this is: [not yaml");
        Path plugins = dir.resolve("plugins");
        if (args.contains("PLUGINS")) {
            PluginJar.named("old").source("ext.OldFactory", "package ext; public final class OldFactory { }")
                    .factory("ext.OldFactory").apiVersion("0").writeTo(plugins);
        }
        String line = "scheduler " + args.replace("KUBECONFIG", kubeconfig.toString())
                .replace("MISSING", dir.resolve("missing").toString()).replace("GARBAGE", garbage.toString())
                .replace("PLUGINS", plugins.toString());
        CommandOutput out = CommandOutput.run(line.trim().split("\\s+"));
        assertThat(out.exitCode()).as(out.stderr()).isEqualTo(2);
        assertThat(out.stderr()).contains(message);
    }
}
