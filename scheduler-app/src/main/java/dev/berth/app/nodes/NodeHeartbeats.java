package dev.berth.app.nodes;

import dev.berth.store.DaemonThreads;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.NodeConditionBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.PriorityQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The kubelets' periodic writes: each node's Lease renewed every heartbeat interval (a kubelet's renew interval,
 * 10 s, a quarter of the Lease's duration) and its Ready condition posted again every status interval (the kubelet's
 * nodeStatusReportFrequency, 5 min), each node on its own phase of the interval ({@link RenewalSchedule}) so the
 * writes come evenly. A ticker hands the due writes of each tick to a pool of writers, which keep many in flight at
 * once (the store commits concurrent writes together). Each write is one update with the resourceVersion of the last
 * answer; a conflict reads the object again and retries once.
 */
public final class NodeHeartbeats implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(NodeHeartbeats.class);
    static final String LEASE_NAMESPACE = "kube-node-lease";
    private static final int CONFLICT = 409;
    private static final long MAX_TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private enum Kind { LEASE, STATUS }

    private record Due(long atNanos, Kind kind, SimulatedNode node) {
    }

    /**
     * How the Lease renewals kept up: renewals written, renewals due while the node's previous one still waited (a sign
     * the writers or the API fall behind), and the longest time from a renewal's due time to its answer.
     */
    public record Stats(long renewals, long overruns, long maxLateNanos) {
    }

    private final KubernetesClient client;
    private final Clock clock;
    private final Duration leaseInterval;
    private final Duration statusInterval;
    private final AtomicLong errors;
    private final PriorityQueue<Due> queue = new PriorityQueue<>((a, b) -> Long.compare(a.atNanos(), b.atNanos()));
    private final ScheduledExecutorService ticker;
    private final ExecutorService writers;
    private final Predicate<String> running;
    private final AtomicLong renewals = new AtomicLong();
    private final AtomicLong overruns = new AtomicLong();
    private final LongAccumulator maxLateNanos = new LongAccumulator(Math::max, 0);
    private RenewalSchedule leases;
    private RenewalSchedule statuses;

    /**
     * @param running whether a node is still simulated (failed and deleted nodes are dropped from the schedule)
     * @param errors  counts writes that failed
     */
    NodeHeartbeats(KubernetesClient client, Clock clock, Duration leaseInterval, Duration statusInterval, int writers,
                   Predicate<String> running, AtomicLong errors) {
        this.client = client;
        this.clock = clock;
        this.leaseInterval = leaseInterval;
        this.statusInterval = statusInterval;
        this.running = running;
        this.errors = errors;
        this.ticker = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("berth-node-heartbeat"));
        this.writers = Executors.newFixedThreadPool(writers, DaemonThreads.named("berth-node-heartbeat-writer"));
    }

    /** Starts the schedule for {@code slots} nodes, phases counted from now; nodes join it as they are added. */
    void start(int slots) {
        long epoch = System.nanoTime();
        leases = new RenewalSchedule(leaseInterval, epoch, slots);
        statuses = new RenewalSchedule(statusInterval, epoch, slots);
        long tick = Math.max(1, Math.min(MAX_TICK_NANOS, leases.intervalNanos() / 10));
        ticker.scheduleAtFixedRate(this::tick, tick, tick, TimeUnit.NANOSECONDS);
    }

    boolean started() {
        return leases != null;
    }

    /** A node that just registered: its first writes come within one interval of its registration. */
    void add(SimulatedNode node) {
        synchronized (queue) {
            queue.add(new Due(leases.firstDue(node.slot, node.registeredNanos), Kind.LEASE, node));
            queue.add(new Due(statuses.firstDue(node.slot, node.registeredNanos), Kind.STATUS, node));
        }
    }

    private void tick() {
        long now = System.nanoTime();
        while (true) {
            Due due;
            synchronized (queue) {
                if (queue.isEmpty() || queue.peek().atNanos() > now) {
                    return;
                }
                due = queue.poll();
                if (!running.test(due.node().name)) {
                    continue;
                }
                RenewalSchedule schedule = due.kind() == Kind.LEASE ? leases : statuses;
                queue.add(new Due(schedule.nextDue(due.atNanos(), now), due.kind(), due.node()));
            }
            submit(due);
        }
    }

    private void submit(Due due) {
        SimulatedNode node = due.node();
        AtomicBoolean writing = due.kind() == Kind.LEASE ? node.leaseWriting : node.statusWriting;
        if (!writing.compareAndSet(false, true)) {
            // The previous write still waits; it stamps the time it runs, so it is as fresh as a second one.
            if (due.kind() == Kind.LEASE) {
                overruns.incrementAndGet();
            }
            return;
        }
        writers.execute(() -> {
            try {
                if (due.kind() == Kind.LEASE) {
                    renewLease(node);
                    renewals.incrementAndGet();
                    maxLateNanos.accumulate(System.nanoTime() - due.atNanos());
                } else {
                    postStatus(node);
                }
            } catch (KubernetesClientException | IllegalStateException e) {
                errors.incrementAndGet();
                LOG.debug("the {} write of node {} failed: {}", due.kind(), node.name, e.getMessage());
            } finally {
                writing.set(false);
            }
        });
    }

    Stats stats() {
        return new Stats(renewals.get(), overruns.get(), maxLateNanos.get());
    }

    private void renewLease(SimulatedNode node) {
        node.lease = updateWithRetry(node.lease,
                () -> client.leases().inNamespace(LEASE_NAMESPACE).withName(node.name).get(),
                lease -> new LeaseBuilder(lease).editSpec()
                        .withRenewTime(ZonedDateTime.ofInstant(clock.instant(), ZoneOffset.UTC)).endSpec().build(),
                lease -> client.leases().inNamespace(LEASE_NAMESPACE).resource(lease).update());
    }

    /** As the kubelet's status report: the Ready condition's lastHeartbeatTime moves, its transition time stays. */
    private void postStatus(SimulatedNode node) {
        node.node = updateWithRetry(node.node, () -> client.nodes().withName(node.name).get(),
                n -> {
                    String now = clock.instant().toString();
                    return new NodeBuilder(n).editStatus().withConditions(n.getStatus().getConditions().stream()
                            .map(c -> "Ready".equals(c.getType())
                                    ? new NodeConditionBuilder(c).withLastHeartbeatTime(now).build() : c).toList())
                            .endStatus().build();
                },
                n -> client.nodes().resource(n).updateStatus());
    }

    /** One update from the cached object; on a conflict (or with nothing cached) from the object as stored. */
    private static <T extends HasMetadata> T updateWithRetry(T cached, Supplier<T> read, UnaryOperator<T> change,
                                                             UnaryOperator<T> write) {
        if (cached != null) {
            try {
                return write.apply(change.apply(cached));
            } catch (KubernetesClientException e) {
                if (e.getCode() != CONFLICT) {
                    throw e;
                }
            }
        }
        T stored = read.get();
        if (stored == null) {
            throw new IllegalStateException("it is gone from the API");
        }
        return write.apply(change.apply(stored));
    }

    @Override
    public void close() {
        ticker.shutdownNow();
        writers.shutdownNow();
    }
}
