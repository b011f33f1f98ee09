package dev.berth.framework.simulate;

import dev.berth.framework.api.ClusterException;
import dev.berth.framework.api.PostFilterResult;
import dev.berth.framework.cache.Snapshot;
import dev.berth.framework.cluster.InMemoryCluster;
import dev.berth.framework.config.ProfileConfig;
import dev.berth.framework.config.SchedulerConfiguration;
import dev.berth.framework.metrics.SchedulerMetrics;
import dev.berth.framework.registry.PluginRegistry;
import dev.berth.framework.runtime.ExecutorParallelizer;
import dev.berth.framework.runtime.FitError;
import dev.berth.framework.runtime.Framework;
import dev.berth.framework.runtime.FrameworkBuilder;
import dev.berth.framework.runtime.FrameworkServices;
import dev.berth.framework.runtime.PluginTimeouts;
import dev.berth.framework.runtime.SchedulerOptions;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.scheduling.v1.PriorityClass;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Schedules a scenario's pods and explains every decision (upstream's kube-scheduler-simulator, without
 * a cluster). Objects go into an {@link InMemoryCluster} as the API server and controllers would leave
 * them (namespace {@code default}, pod priorities, PodDisruptionBudget statuses, volume phases); pods with {@code spec.nodeName} run
 * there from the start; the others are scheduled one at a time, in the given order, each one bound
 * counting as running for the next. When no node fits, PostFilter runs; if it nominates a node, the
 * pods it evicted leave the cluster and the pod is tried again at once, and its one result is the
 * retry's, with the nomination and the victims. Each pod gets one attempt: no pod is retried later.
 *
 * <p>The output is deterministic as long as the plugins are: plugins run on one thread, every node is
 * filtered, and equal best scores go to the node whose name sorts first.
 */
public final class Simulator {

    /** Plugins that wait on no clock have nothing to time out: Permit timers never fire in a simulation. */
    private static final FrameworkServices.Timers NO_TIMERS = (delay, action) -> () -> { };

    private static final Duration TIMEOUT_CHECK_INTERVAL = Duration.ofMillis(100);

    /** Every node is filtered and every feasible node scored, whatever the configuration says. */
    private static final int PERCENTAGE_OF_NODES_TO_SCORE = 100;

    private final SchedulerConfiguration config;
    private final PluginRegistry registry;

    public Simulator(SchedulerConfiguration config, PluginRegistry registry) {
        this.config = config;
        this.registry = registry;
    }

    /**
     * Runs a scenario. The objects are taken over: the cluster assigns their metadata (uid,
     * resourceVersion) as it stores them.
     *
     * @param objects Nodes, Pods and the other kinds the plugins read, in scenario order
     * @throws ScenarioException if an object is invalid, naming the object as given
     * @throws dev.berth.framework.config.ConfigException if a profile cannot be built
     */
    public SimulationResult run(List<HasMetadata> objects) {
        InMemoryCluster cluster = new InMemoryCluster();
        Nominations nominations = new Nominations();
        PodDeletions deletions = new PodDeletions();
        cluster.watch(Pod.class, nominations);
        cluster.watch(Pod.class, deletions);
        AtomicReference<Snapshot> snapshot = new AtomicReference<>(new Snapshot());
        SchedulerOptions options = SchedulerOptions.defaults();
        try (PluginTimeouts timeouts = new PluginTimeouts(TIMEOUT_CHECK_INTERVAL)) {
            FrameworkServices services = new FrameworkServices(cluster, new ExecutorParallelizer(Runnable::run, 1),
                    nominations::forNode, snapshot::get, SchedulerMetrics.noop(), timeouts, NO_TIMERS, Clock.systemUTC(),
                    options.schedulingCycleTimeout(), options.bindingCycleTimeout());
            Map<String, Framework> frameworks = buildFrameworks(services);
            Run run = new Run(cluster, deletions, snapshot, frameworks);
            List<Pod> pending = run.load(admit(objects));
            List<PodResult> results = new ArrayList<>();
            for (Pod pod : pending) {
                results.add(run.schedule(pod));
            }
            return new SimulationResult(results);
        }
    }

    private Map<String, Framework> buildFrameworks(FrameworkServices services) {
        FrameworkBuilder builder = new FrameworkBuilder(registry);
        Map<String, Framework> frameworks = new LinkedHashMap<>();
        for (int i = 0; i < config.profiles().size(); i++) {
            ProfileConfig profile = config.profiles().get(i);
            frameworks.put(profile.schedulerName(), builder.build(i, profile, PERCENTAGE_OF_NODES_TO_SCORE, services));
        }
        return frameworks;
    }

    /**
     * The objects as admission leaves them, in the same order: namespaced objects without a namespace
     * in {@code default}, pods with their priority, budgets with their status, volumes with their phase.
     *
     * @throws ScenarioException for a pod without containers or with an unknown PriorityClass, or an invalid budget
     */
    private static List<Admitted> admit(List<HasMetadata> objects) {
        objects.stream()
                .filter(o -> (o instanceof Namespaced || o instanceof GenericKubernetesResource) && o.getMetadata().getNamespace() == null)
                .forEach(o -> o.getMetadata().setNamespace("default"));
        PriorityAdmission priorities = new PriorityAdmission(ofKind(objects, PriorityClass.class));
        Map<HasMetadata, HasMetadata> admitted = new IdentityHashMap<>();
        List<Pod> pods = new ArrayList<>();
        for (Pod pod : ofKind(objects, Pod.class)) {
            if (pod.getSpec() == null || pod.getSpec().getContainers() == null || pod.getSpec().getContainers().isEmpty()) {
                throw new ScenarioException(pod, "spec.containers", "a Pod needs at least one container");
            }
            Pod p = priorities.admit(pod);
            admitted.put(pod, p);
            pods.add(p);
        }
        for (PodDisruptionBudget pdb : ofKind(objects, PodDisruptionBudget.class)) {
            admitted.put(pdb, DisruptionBudgetStatus.fill(pdb, pods));
        }
        for (PersistentVolume pv : ofKind(objects, PersistentVolume.class)) {
            admitted.put(pv, VolumePhase.fill(pv));
        }
        return objects.stream().map(o -> new Admitted(o, admitted.getOrDefault(o, o))).toList();
    }

    private static <T> List<T> ofKind(List<HasMetadata> objects, Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** An object as given (for error messages) and as admitted. */
    private record Admitted(HasMetadata given, HasMetadata object) {
    }

    /** One run's cluster and frameworks. */
    private static final class Run {

        private final InMemoryCluster cluster;
        private final PodDeletions deletions;
        private final AtomicReference<Snapshot> snapshot;
        private final Map<String, Framework> frameworks;
        private final Map<Pod, HasMetadata> given = new IdentityHashMap<>();

        Run(InMemoryCluster cluster, PodDeletions deletions, AtomicReference<Snapshot> snapshot, Map<String, Framework> frameworks) {
            this.cluster = cluster;
            this.deletions = deletions;
            this.snapshot = snapshot;
            this.frameworks = frameworks;
        }

        /** Stores every object but the pods to schedule, which it returns in order. */
        List<Pod> load(List<Admitted> objects) {
            List<Pod> pending = new ArrayList<>();
            for (Admitted a : objects) {
                if (a.object() instanceof Pod pod && !isBound(pod)) {
                    pending.add(pod);
                    given.put(pod, a.given());
                } else {
                    create(a.given(), a.object());
                }
            }
            return pending;
        }

        private static boolean isBound(Pod pod) {
            String node = pod.getSpec().getNodeName();
            return node != null && !node.isEmpty();
        }

        private <T extends HasMetadata> T create(HasMetadata givenObject, T object) {
            try {
                return cluster.create(object);
            } catch (ClusterException e) {
                throw new ScenarioException(givenObject, "metadata.name", e.getMessage());
            }
        }

        /** The pod's one result: its attempt, or after a preemption its retry. */
        PodResult schedule(Pod pod) {
            String key = SimulatedPods.key(pod);
            String schedulerName = pod.getSpec().getSchedulerName() == null || pod.getSpec().getSchedulerName().isEmpty()
                    ? ProfileConfig.DEFAULT_SCHEDULER_NAME : pod.getSpec().getSchedulerName();
            Framework fwk = frameworks.get(schedulerName);
            if (fwk == null) {
                return PodResult.error(key, "spec.schedulerName \"" + schedulerName + "\" matches no profile; the profiles are "
                        + frameworks.keySet());
            }
            Pod created = create(given.get(pod), pod);
            CycleOutcome first = attempt(fwk, created);
            FitError fitError = first.fitError();
            if (fitError == null || !fwk.hasPostFilterPlugins()) {
                return first.result();
            }
            // Only deletions made by PostFilter are victims.
            deletions.drain();
            PostFilterResult post = fwk.runPostFilterPlugins(first.state(), created, fitError.diagnosis().toNodeToStatus());
            List<String> victims = deletions.drain();
            if (post.nominatedNodeName().isEmpty()) {
                String message = post.status().isSuccess() || post.status().message().isEmpty() ? fitError.message()
                        : new FitError(fitError.numAllNodes(), fitError.diagnosis().withPostFilterMessage(post.status().message())).message();
                return first.result().withMessage(message);
            }
            String nominated = post.nominatedNodeName().get();
            cluster.updatePodStatus(latest(created), null, nominated);
            return attempt(fwk, latest(created)).result().withPreemption(nominated, victims);
        }

        private Pod latest(Pod pod) {
            return cluster.get(Pod.class, pod.getMetadata().getNamespace(), pod.getMetadata().getName()).orElseThrow();
        }

        private CycleOutcome attempt(Framework fwk, Pod pod) {
            Snapshot current = Snapshot.of(cluster.list(Node.class), cluster.list(Pod.class));
            snapshot.set(current);
            return new SchedulingCycle(fwk, pod).run(current.list());
        }
    }
}
