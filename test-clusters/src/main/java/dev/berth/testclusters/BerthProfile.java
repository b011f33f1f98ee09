package dev.berth.testclusters;

import dev.berth.app.PluginSetup;
import dev.berth.app.scheduler.SchedulerCommand;
import dev.berth.framework.config.ExtensionPoint;
import dev.berth.framework.config.PluginSet;
import dev.berth.framework.config.ProfileConfig;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Map;

/**
 * The profile Berth schedules {@code schedulerName: berth} pods with on a cluster, read with Berth's own configuration
 * loader so that the default plugins and the merging of enabled and disabled sets are exactly the scheduler's. Tests
 * of optional plugins (Coscheduling) ask it whether they can run.
 */
public record BerthProfile(ProfileConfig profile) {
    public static final String SCHEDULER_NAME = "berth";
    /** deploy/10-config.yaml: where the kind and existing targets' scheduler reads its configuration. */
    static final String CONFIG_MAP_NAMESPACE = "kube-system";
    static final String CONFIG_MAP_NAME = "berth-scheduler-config";
    static final String CONFIG_MAP_KEY = "scheduler-config.yaml";

    /** The {@code berth} profile of a KubeSchedulerConfiguration document. */
    public static BerthProfile parse(String configuration) {
        return new BerthProfile(PluginSetup.configLoader(PluginSetup.registry(null)).parse(configuration).profiles()
                .stream().filter(p -> SCHEDULER_NAME.equals(p.schedulerName())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("the scheduler configuration has no profile "
                        + SCHEDULER_NAME)));
    }

    /**
     * The configuration deploy/'s ConfigMap gives the scheduler on a cluster; without that ConfigMap, Berth was
     * deployed some other way and is taken to run {@code berth scheduler}'s default profile.
     */
    static String deployedConfiguration(KubernetesClient client) {
        ConfigMap config = client.configMaps().inNamespace(CONFIG_MAP_NAMESPACE).withName(CONFIG_MAP_NAME).get();
        Map<String, String> data = config == null ? null : config.getData();
        return data == null || !data.containsKey(CONFIG_MAP_KEY) ? SchedulerCommand.SECONDARY_PROFILE
                : data.get(CONFIG_MAP_KEY);
    }

    /**
     * Whether {@code plugin} runs at Permit (Coscheduling holds a gang there): enabled there, or enabled at multiPoint
     * and not disabled at Permit.
     */
    public boolean enablesAtPermit(String plugin) {
        PluginSet permit = profile.plugins().get(ExtensionPoint.PERMIT);
        boolean multiPoint = profile.plugins().get(ExtensionPoint.MULTI_POINT).enabled().stream()
                .anyMatch(p -> p.name().equals(plugin))
                && !permit.disabled().contains(plugin) && !permit.disabled().contains("*");
        return multiPoint || permit.enabled().stream().anyMatch(p -> p.name().equals(plugin));
    }
}
