package dev.berth.app.nodes;

import dev.berth.framework.api.Resource;
import dev.berth.store.DaemonThreads;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.NodeConditionBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Simulated nodes, like KWOK: registers Node objects from a {@link NodeProfile}, keeps their node Leases in
 * {@code kube-node-lease} fresh (as kubelets heartbeat), plays the kubelet for the pods bound to them (Pending →
 * Running, optionally Succeeded after a while, and removing pods being deleted gracefully), and fails nodes on
 * command. Everything goes through the Kubernetes API, so it works against the shim, kind or any cluster.
 */
public final class NodeSimulator implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(NodeSimulator.class);
    /** The label that marks nodes this simulator owns; it never touches other nodes or their pods. */
    public static final String SIMULATED_LABEL = "berth.dev/simulated";
    private static final String LEASE_NAMESPACE = NodeHeartbeats.LEASE_NAMESPACE;
    /** A kubelet renews its Lease every quarter of the Lease's duration (10 s of 40 s by default). */
    private static final int RENEWALS_PER_LEASE_DURATION = 4;
    /**
     * Heartbeat writers per renewal a second: each write blocks its thread, so one writer per five renewals a second
     * keeps up while a write takes up to 200 ms (500 renewals/s at 5,000 nodes: 100 writers).
     */
    private static final int RENEWALS_PER_SECOND_PER_WRITER = 5;
    private static final int MIN_HEARTBEAT_WRITERS = 4;
    private static final int MAX_HEARTBEAT_WRITERS = 128;

    /**
     * @param heartbeat    how often each node's Lease is renewed (kubelet: 10 s); the Lease lasts four times as long
     * @param podRunTime   how long a pod runs before it Succeeds; empty: it runs until deleted
     * @param workers      threads that write pod status (the API calls a kubelet would make)
     * @param statusReport how often each node posts its Ready condition again (kubelet's nodeStatusReportFrequency: 5 min)
     * @param utilizationAnnotations whether each node also writes, every heartbeat interval, the CPU utilisation
     *        annotations TargetLoadPacking reads ({@link UtilizationAnnotations})
     */
    public record Options(Duration heartbeat, Optional<Duration> podRunTime, int workers, Duration statusReport,
                          boolean utilizationAnnotations) {
        public Options(Duration heartbeat, Optional<Duration> podRunTime, int workers, boolean utilizationAnnotations) {
            this(heartbeat, podRunTime, workers, Duration.ofMinutes(5), utilizationAnnotations);
        }

        public static Options defaults() {
            return new Options(Duration.ofSeconds(10), Optional.empty(), 8, true);
        }

        /** Whole seconds, at least one: what the Lease's leaseDurationSeconds says. */
        public int leaseDurationSeconds() {
            return (int) Math.max(1, Math.min(Integer.MAX_VALUE,
                    (heartbeat.toMillis() * RENEWALS_PER_LEASE_DURATION + 999) / 1000));
        }
    }

    private final KubernetesClient client;
    /** Registrations in flight at once: enough to keep the API busy, few enough not to swamp a shared machine. */
    private static final int REGISTER_PARALLELISM = 16;
    private static final int CONFLICT = 409;

    private final NodeSource profile;
    private final Options options;
    private final Clock clock;
    private final Map<String, SimulatedNode> nodes = new ConcurrentHashMap<>();
    /** CPU capacity in millicores of each node registered, as its profile gives it. */
    private final Map<String, Long> cpuCapacity = new ConcurrentHashMap<>();
    private final UtilizationAnnotations utilization;
    private final ExecutorService kubelet;
    private final ScheduledExecutorService timers;
    private final AtomicLong podsStarted = new AtomicLong();
    private final AtomicLong apiErrors = new AtomicLong();
    private NodeHeartbeats heartbeats;
    private SharedIndexInformer<Pod> pods;

    public NodeSimulator(KubernetesClient client, NodeSource profile, Options options, Clock clock) {
        this.client = client;
        this.profile = profile;
        this.options = options;
        this.clock = clock;
        this.kubelet = Executors.newFixedThreadPool(options.workers(), DaemonThreads.named("berth-node-simulator"));
        this.timers = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("berth-node-pod-timer"));
        this.utilization = new UtilizationAnnotations(client, clock);
    }

    /**
     * Makes sure nodes 0 .. count-1 exist (those left from an earlier run are kept as they are) with their Leases,
     * and starts heartbeating and running the pods bound to them.
     */
    public void start(int count) {
        double renewalsPerSecond = count / (options.heartbeat().toMillis() / 1000.0);
        int writers = (int) Math.max(MIN_HEARTBEAT_WRITERS, Math.min(MAX_HEARTBEAT_WRITERS,
                Math.ceil(renewalsPerSecond / RENEWALS_PER_SECOND_PER_WRITER)));
        heartbeats = new NodeHeartbeats(client, clock, options.heartbeat(), options.statusReport(), writers,
                nodes::containsKey, apiErrors);
        // Before registering, so each node heartbeats from its registration on, as its kubelet would.
        heartbeats.start(Math.max(1, count));
        registerNodes(count);
        pods = client.pods().inAnyNamespace().inform(new PodHandler(), 0);
        if (options.utilizationAnnotations()) {
            long period = options.heartbeat().toMillis();
            timers.scheduleAtFixedRate(this::reportUtilization, period, period, TimeUnit.MILLISECONDS);
        }
        LOG.info("node simulator runs {} nodes", nodes.size());
    }

    /**
     * Makes sure nodes 0 .. count-1 exist with their Leases, several at a time, without heartbeating or running pods
     * (what {@code berth bench} needs: scheduler_perf's nodes have no kubelet either).
     */
    public void registerNodes(int count) {
        ExecutorService pool = Executors.newFixedThreadPool(REGISTER_PARALLELISM, DaemonThreads.named("berth-node-register"));
        try {
            List<Future<?>> registrations = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                int index = i;
                registrations.add(pool.submit(() -> register(index)));
            }
            for (Future<?> registration : registrations) {
                registration.get();
            }
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while registering nodes", e);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Names of the simulated nodes. */
    public List<String> nodeNames() {
        return nodes.keySet().stream().sorted().toList();
    }

    /** How many pods this simulator has started (moved to Running). */
    public long podsStarted() {
        return podsStarted.get();
    }

    /** How the Lease renewals kept up; all zero before {@link #start}. */
    public NodeHeartbeats.Stats heartbeatStats() {
        return heartbeats == null ? new NodeHeartbeats.Stats(0, 0, 0) : heartbeats.stats();
    }

    /** How many of the kubelets' writes (heartbeats, node status, pod status) the API refused or failed. */
    public long apiErrors() {
        return apiErrors.get();
    }

    /** Makes a node NotReady, as a node whose kubelet stopped posting would become. */
    public void failNode(String name) {
        requireSimulated(name);
        nodes.remove(name);
        Node node = client.nodes().withName(name).get();
        String now = clock.instant().toString();
        List<NodeCondition> conditions = new ArrayList<>();
        conditions.add(new NodeConditionBuilder().withType("Ready").withStatus("False").withReason("KubeletNotReady")
                .withMessage("simulated failure").withLastHeartbeatTime(now).withLastTransitionTime(now).build());
        node.getStatus().setConditions(conditions);
        client.nodes().resource(node).updateStatus();
    }

    /** Deletes a node and its Lease, as if its machine were removed. */
    public void deleteNode(String name) {
        requireSimulated(name);
        nodes.remove(name);
        client.nodes().withName(name).delete();
        client.leases().inNamespace(LEASE_NAMESPACE).withName(name).delete();
    }

    private void requireSimulated(String name) {
        if (!nodes.containsKey(name)) {
            throw new IllegalArgumentException("node " + name + " is not one this simulator runs (or it already failed)");
        }
    }

    // Create first and take a conflict as "left from an earlier run": one request per object instead of a get before.
    private void register(int index) {
        String name = profile.name(index);
        Node node = profile.node(index, clock.instant());
        Node created = RegistrationCall.createUnlessExists("node " + name, () -> client.nodes().resource(node).create());
        if (created != null && (created.getStatus() == null || created.getStatus().getConditions() == null
                || created.getStatus().getConditions().isEmpty())) {
            // The API may drop status on create; the kubelet posts it as a status update, so do the same.
            created.setStatus(node.getStatus());
            created = client.nodes().resource(created).updateStatus();
        }
        Lease lease = RegistrationCall.createUnlessExists("lease " + LEASE_NAMESPACE + "/" + name,
                () -> client.leases().inNamespace(LEASE_NAMESPACE).resource(lease(name)).create());
        // Objects left from an earlier run are not cached: the first heartbeat reads them.
        SimulatedNode simulated = new SimulatedNode(name, index, System.nanoTime(), lease, created);
        cpuCapacity.put(name, Resource.of(node.getStatus().getCapacity()).milliCpu());
        nodes.put(name, simulated);
        if (heartbeats != null) {
            heartbeats.add(simulated);
        }
    }

    private Lease lease(String node) {
        return new LeaseBuilder().withNewMetadata().withName(node).withNamespace(LEASE_NAMESPACE).endMetadata()
                .withNewSpec().withHolderIdentity(node).withLeaseDurationSeconds(options.leaseDurationSeconds())
                .withRenewTime(ZonedDateTime.ofInstant(clock.instant(), ZoneOffset.UTC)).endSpec().build();
    }

    private void reportUtilization() {
        try {
            utilization.report(Map.copyOf(cpuCapacity), pods.getStore().list());
        } catch (RuntimeException e) {
            LOG.debug("reporting the nodes' CPU utilisation failed: {}", e.toString());
        }
    }

    private final class PodHandler implements ResourceEventHandler<Pod> {
        @Override
        public void onAdd(Pod pod) {
            act(pod);
        }

        @Override
        public void onUpdate(Pod oldPod, Pod newPod) {
            act(newPod);
        }

        @Override
        public void onDelete(Pod pod, boolean deletedFinalStateUnknown) {
        }

        private void act(Pod pod) {
            String node = pod.getSpec().getNodeName();
            if (node == null || !nodes.containsKey(node)) {
                return;
            }
            if (pod.getMetadata().getDeletionTimestamp() != null) {
                kubelet.execute(() -> remove(pod));
            } else if (pending(pod)) {
                kubelet.execute(() -> run(pod));
            }
        }
    }

    /**
     * One status update from the pod as the informer saw it (its resourceVersion guards against a newer one); only on a
     * conflict is the pod read again, and started if it still is Pending.
     */
    private void run(Pod pod) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        String namespace = pod.getMetadata().getNamespace();
        try {
            try {
                client.pods().inNamespace(namespace).resource(running(pod, now)).updateStatus();
            } catch (KubernetesClientException e) {
                if (e.getCode() != CONFLICT) {
                    throw e;
                }
                Pod current = client.pods().inNamespace(namespace).withName(pod.getMetadata().getName()).get();
                if (current == null || !pending(current) || current.getMetadata().getDeletionTimestamp() != null) {
                    return;
                }
                client.pods().inNamespace(namespace).resource(running(current, now)).updateStatus();
            }
            podsStarted.incrementAndGet();
            options.podRunTime().ifPresent(d -> timers.schedule(() -> kubelet.execute(() -> succeed(pod)),
                    d.toMillis(), TimeUnit.MILLISECONDS));
        } catch (KubernetesClientException e) {
            apiErrors.incrementAndGet();
            LOG.debug("starting pod {}/{} failed: {}", namespace, pod.getMetadata().getName(), e.getMessage());
        }
    }

    private static boolean pending(Pod pod) {
        return pod.getStatus() == null || pod.getStatus().getPhase() == null || "Pending".equals(pod.getStatus().getPhase());
    }

    private Pod running(Pod pod, Instant now) {
        List<ContainerStatus> containers = pod.getSpec().getContainers().stream().map(c -> new ContainerStatusBuilder()
                .withName(c.getName()).withImage(c.getImage()).withImageID(c.getImage()).withReady(true)
                .withStarted(true).withRestartCount(0).withNewState().withNewRunning().withStartedAt(now.toString())
                .endRunning().endState().build()).toList();
        String ip = "10.244." + (Math.abs(pod.getMetadata().getName().hashCode()) % 250) + "." + (podsStarted.get() % 250 + 2);
        return new PodBuilder(pod).editOrNewStatus().withPhase("Running").withStartTime(now.toString())
                .withHostIP("192.168.0.1").withPodIP(ip).withContainerStatuses(containers)
                .withConditions(
                        condition("PodScheduled", now), condition("Initialized", now),
                        condition("ContainersReady", now), condition("Ready", now))
                .endStatus().build();
    }

    private static PodCondition condition(String type, Instant now) {
        return new PodConditionBuilder().withType(type).withStatus("True").withLastTransitionTime(now.toString()).build();
    }

    /** As a kubelet reports a pod whose containers exited 0: terminated containers, and the pod no longer Ready. */
    private void succeed(Pod pod) {
        String now = clock.instant().truncatedTo(ChronoUnit.SECONDS).toString();
        try {
            client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName())
                    .editStatus(p -> new PodBuilder(p).editStatus().withPhase("Succeeded")
                            .withContainerStatuses(p.getStatus().getContainerStatuses().stream()
                                    .map(c -> new ContainerStatusBuilder(c).withReady(false).withStarted(false)
                                            .withNewState().withNewTerminated().withExitCode(0).withReason("Completed")
                                            .withFinishedAt(now).endTerminated().endState().build()).toList())
                            .withConditions(p.getStatus().getConditions().stream()
                                    .map(c -> Set.of("Ready", "ContainersReady").contains(c.getType())
                                            ? new PodConditionBuilder(c).withStatus("False").withReason("PodCompleted")
                                                    .withLastTransitionTime(now).build() : c).toList())
                            .endStatus().build());
        } catch (KubernetesClientException e) {
            apiErrors.incrementAndGet();
            LOG.debug("completing pod {} failed: {}", pod.getMetadata().getName(), e.getMessage());
        }
    }

    /** Plays the kubelet's part of a graceful deletion: the containers are gone, so the pod object goes too. */
    private void remove(Pod pod) {
        try {
            client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName())
                    .withGracePeriod(0).delete();
        } catch (KubernetesClientException e) {
            apiErrors.incrementAndGet();
            LOG.debug("removing pod {} failed: {}", pod.getMetadata().getName(), e.getMessage());
        }
    }

    @Override
    public void close() {
        if (heartbeats != null) {
            heartbeats.close();
        }
        timers.shutdownNow();
        kubelet.shutdownNow();
        if (pods != null) {
            pods.stop();
        }
    }
}
