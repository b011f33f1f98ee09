package dev.berth.app.nodes;

import dev.berth.app.DaemonThreads;
import dev.berth.framework.api.Resource;
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
import java.util.HashMap;
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
import java.util.function.Supplier;
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
    private static final String LEASE_NAMESPACE = "kube-node-lease";

    /**
     * @param heartbeat   how often each node's Lease is renewed (kubelet: 10 s)
     * @param podRunTime  how long a pod runs before it Succeeds; empty: it runs until deleted
     * @param workers     threads that write pod status (the API calls a kubelet would make)
     * @param utilizationAnnotations whether each heartbeat also writes the CPU utilisation annotations
     *        TargetLoadPacking reads ({@link UtilizationAnnotations})
     */
    public record Options(Duration heartbeat, Optional<Duration> podRunTime, int workers, boolean utilizationAnnotations) {
        public static Options defaults() {
            return new Options(Duration.ofSeconds(10), Optional.empty(), 4, true);
        }
    }

    private final KubernetesClient client;
    /** Registrations in flight at once: enough to keep the API busy, few enough not to swamp a shared machine. */
    private static final int REGISTER_PARALLELISM = 16;
    private static final int CONFLICT = 409;

    private final NodeSource profile;
    private final Options options;
    private final Clock clock;
    private final Set<String> nodes = ConcurrentHashMap.newKeySet();
    /** CPU capacity in millicores of each node registered, as its profile gives it. */
    private final Map<String, Long> cpuCapacity = new ConcurrentHashMap<>();
    private final UtilizationAnnotations utilization;
    private final ExecutorService kubelet;
    private final ScheduledExecutorService timers;
    private final AtomicLong podsStarted = new AtomicLong();
    private SharedIndexInformer<Pod> pods;

    public NodeSimulator(KubernetesClient client, NodeSource profile, Options options, Clock clock) {
        this.client = client;
        this.profile = profile;
        this.options = options;
        this.clock = clock;
        this.kubelet = Executors.newFixedThreadPool(options.workers(), DaemonThreads.named("berth-node-simulator"));
        this.timers = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("berth-node-heartbeat"));
        this.utilization = new UtilizationAnnotations(client, clock);
    }

    /**
     * Makes sure nodes 0 .. count-1 exist (those left from an earlier run are kept as they are) with their Leases,
     * and starts heartbeating and running the pods bound to them.
     */
    public void start(int count) {
        registerNodes(count);
        pods = client.pods().inAnyNamespace().inform(new PodHandler(), 0);
        long period = options.heartbeat().toMillis();
        timers.scheduleAtFixedRate(this::heartbeat, period, period, TimeUnit.MILLISECONDS);
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
        return nodes.stream().sorted().toList();
    }

    /** How many pods this simulator has started (moved to Running). */
    public long podsStarted() {
        return podsStarted.get();
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
        if (!nodes.contains(name)) {
            throw new IllegalArgumentException("node " + name + " is not one this simulator runs (or it already failed)");
        }
    }

    // Create first and take a conflict as "left from an earlier run": one request per object instead of a get before.
    private void register(int index) {
        String name = profile.name(index);
        Node node = profile.node(index, clock.instant());
        Node created = createUnlessExists(() -> client.nodes().resource(node).create());
        if (created != null && (created.getStatus() == null || created.getStatus().getConditions() == null
                || created.getStatus().getConditions().isEmpty())) {
            // The API may drop status on create; the kubelet posts it as a status update, so do the same.
            created.setStatus(node.getStatus());
            client.nodes().resource(created).updateStatus();
        }
        createUnlessExists(() -> client.leases().inNamespace(LEASE_NAMESPACE).resource(lease(name)).create());
        cpuCapacity.put(name, Resource.of(node.getStatus().getCapacity()).milliCpu());
        nodes.add(name);
    }

    /** The created object, or null when one of that name exists already. */
    private static <T> T createUnlessExists(Supplier<T> create) {
        try {
            return create.get();
        } catch (KubernetesClientException e) {
            if (e.getCode() == CONFLICT) {
                return null;
            }
            throw e;
        }
    }

    private Lease lease(String node) {
        return new LeaseBuilder().withNewMetadata().withName(node).withNamespace(LEASE_NAMESPACE).endMetadata()
                .withNewSpec().withHolderIdentity(node).withLeaseDurationSeconds(40)
                .withRenewTime(ZonedDateTime.ofInstant(clock.instant(), ZoneOffset.UTC)).endSpec().build();
    }

    private void heartbeat() {
        for (String node : nodes) {
            try {
                client.leases().inNamespace(LEASE_NAMESPACE).withName(node)
                        .edit(l -> new LeaseBuilder(l).editSpec().withRenewTime(ZonedDateTime.ofInstant(clock.instant(), ZoneOffset.UTC))
                                .endSpec().build());
            } catch (KubernetesClientException e) {
                LOG.debug("renewing the lease of node {} failed: {}", node, e.getMessage());
            }
        }
        if (options.utilizationAnnotations()) {
            Map<String, Long> running = new HashMap<>();
            nodes.forEach(node -> running.put(node, cpuCapacity.getOrDefault(node, 0L)));
            utilization.report(running, pods.getStore().list());
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
            if (node == null || !nodes.contains(node)) {
                return;
            }
            if (pod.getMetadata().getDeletionTimestamp() != null) {
                kubelet.execute(() -> remove(pod));
            } else if (pod.getStatus() == null || "Pending".equals(pod.getStatus().getPhase())
                    || pod.getStatus().getPhase() == null) {
                kubelet.execute(() -> run(pod));
            }
        }
    }

    private void run(Pod pod) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        try {
            Pod current = client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName()).get();
            if (current == null || current.getStatus() != null && current.getStatus().getPhase() != null
                    && !"Pending".equals(current.getStatus().getPhase())) {
                return;
            }
            client.pods().inNamespace(current.getMetadata().getNamespace()).resource(running(current, now)).updateStatus();
            podsStarted.incrementAndGet();
            options.podRunTime().ifPresent(d -> timers.schedule(() -> kubelet.execute(() -> succeed(pod)),
                    d.toMillis(), TimeUnit.MILLISECONDS));
        } catch (KubernetesClientException e) {
            LOG.debug("starting pod {}/{} failed: {}", pod.getMetadata().getNamespace(), pod.getMetadata().getName(),
                    e.getMessage());
        }
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
            LOG.debug("completing pod {} failed: {}", pod.getMetadata().getName(), e.getMessage());
        }
    }

    /** Plays the kubelet's part of a graceful deletion: the containers are gone, so the pod object goes too. */
    private void remove(Pod pod) {
        try {
            client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName())
                    .withGracePeriod(0).delete();
        } catch (KubernetesClientException e) {
            LOG.debug("removing pod {} failed: {}", pod.getMetadata().getName(), e.getMessage());
        }
    }

    @Override
    public void close() {
        timers.shutdownNow();
        kubelet.shutdownNow();
        if (pods != null) {
            pods.stop();
        }
    }
}
