package dev.berth.framework.runtime;

import dev.berth.framework.api.PodPriority;
import dev.berth.framework.api.BasePluginFactory;
import dev.berth.framework.api.BindPlugin;
import dev.berth.framework.api.CycleState;
import dev.berth.framework.api.FilterPlugin;
import dev.berth.framework.api.NodeInfo;
import dev.berth.framework.api.PermitPlugin;
import dev.berth.framework.api.PermitResult;
import dev.berth.framework.api.PodsToActivate;
import dev.berth.framework.api.QueueSortPlugin;
import dev.berth.framework.api.QueuedPodInfo;
import dev.berth.framework.api.ReservePlugin;
import dev.berth.framework.api.ScorePlugin;
import dev.berth.framework.api.Status;
import dev.berth.framework.registry.PluginRegistry;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * Plugins whose behaviour a test sets through static knobs: enough to drive every branch of the
 * runtime without the real plugin set. Tests reset them with {@link #reset()}.
 */
public final class TestPlugins {

    /** Nodes the "NodeFilter" plugin rejects, with the reason to give. */
    public static final Map<String, Status> REJECT = new ConcurrentHashMap<>();
    /** Scores the "NodeScore" plugin gives by node name (default 0). */
    public static final Map<String, Long> SCORES = new ConcurrentHashMap<>();
    /** What the "Gate" Permit plugin answers. */
    public static volatile Function<Pod, PermitResult> permit = pod -> PermitResult.allow();
    /** What the "Binder" answers before binding. */
    public static volatile Function<Pod, Status> bindOutcome = pod -> Status.SUCCESS;
    /** Every reserve/unreserve call, as "reserve:pod@node" / "unreserve:pod@node". */
    public static final List<String> RESERVATIONS = new CopyOnWriteArrayList<>();
    /** Filter "Exploding" throws for these node names. */
    public static final Set<String> EXPLODE_ON = ConcurrentHashMap.newKeySet();
    /** Pods the "Gate" Permit plugin asks to activate, through the cycle's PodsToActivate. */
    public static final List<Pod> ACTIVATE_AT_PERMIT = new CopyOnWriteArrayList<>();
    /** Filter "Sleepy" sleeps this long per call. */
    public static volatile Duration sleep = Duration.ZERO;

    private TestPlugins() {
    }

    public static void reset() {
        REJECT.clear();
        SCORES.clear();
        RESERVATIONS.clear();
        EXPLODE_ON.clear();
        ACTIVATE_AT_PERMIT.clear();
        permit = pod -> PermitResult.allow();
        bindOutcome = pod -> Status.SUCCESS;
        sleep = Duration.ZERO;
    }

    static String key(Pod pod, String node) {
        return pod.getMetadata().getName() + "@" + node;
    }

    public static PluginRegistry registry() {
        PluginRegistry r = new PluginRegistry();
        r.register(new BasePluginFactory("PrioritySort", (a, h) -> new QueueSortPlugin() {
            @Override
            public String name() {
                return "PrioritySort";
            }

            @Override
            public boolean less(QueuedPodInfo x, QueuedPodInfo y) {
                int px = PodPriority.of(x.pod());
                int py = PodPriority.of(y.pod());
                return px > py || (px == py && x.timestamp().isBefore(y.timestamp()));
            }
        }) { }, "test");
        r.register(new BasePluginFactory("NodeFilter", (a, h) -> new FilterPlugin() {
            @Override
            public String name() {
                return "NodeFilter";
            }

            @Override
            public Status filter(CycleState state, Pod pod, NodeInfo nodeInfo) {
                return REJECT.getOrDefault(nodeInfo.nodeName(), Status.SUCCESS);
            }
        }) { }, "test");
        r.register(new BasePluginFactory("NodeScore", (a, h) -> new ScorePlugin() {
            @Override
            public String name() {
                return "NodeScore";
            }

            @Override
            public long score(CycleState state, Pod pod, NodeInfo nodeInfo) {
                return SCORES.getOrDefault(nodeInfo.nodeName(), 0L);
            }
        }) { }, "test");
        r.register(new BasePluginFactory("Exploding", (a, h) -> new FilterPlugin() {
            @Override
            public String name() {
                return "Exploding";
            }

            @Override
            public Status filter(CycleState state, Pod pod, NodeInfo nodeInfo) {
                if (EXPLODE_ON.contains(nodeInfo.nodeName())) {
                    throw new IllegalStateException("boom on " + nodeInfo.nodeName());
                }
                return Status.SUCCESS;
            }
        }) { }, "test");
        r.register(new BasePluginFactory("Sleepy", (a, h) -> new FilterPlugin() {
            @Override
            public String name() {
                return "Sleepy";
            }

            @Override
            public Status filter(CycleState state, Pod pod, NodeInfo nodeInfo) {
                try {
                    Thread.sleep(sleep.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return Status.SUCCESS;
            }
        }) { }, "test");
        r.register(new BasePluginFactory("Recorder", (a, h) -> new ReservePlugin() {
            @Override
            public String name() {
                return "Recorder";
            }

            @Override
            public Status reserve(CycleState state, Pod pod, String nodeName) {
                RESERVATIONS.add("reserve:" + key(pod, nodeName));
                return Status.SUCCESS;
            }

            @Override
            public void unreserve(CycleState state, Pod pod, String nodeName) {
                RESERVATIONS.add("unreserve:" + key(pod, nodeName));
            }
        }) { }, "test");
        r.register(new BasePluginFactory("Gate", (a, h) -> new PermitPlugin() {
            @Override
            public String name() {
                return "Gate";
            }

            @Override
            public PermitResult permit(CycleState state, Pod pod, String nodeName) {
                state.read(PodsToActivate.KEY).ifPresent(toActivate -> ACTIVATE_AT_PERMIT.forEach(toActivate::add));
                return permit.apply(pod);
            }
        }) { }, "test");
        r.register(new BasePluginFactory("Binder", (a, h) -> new BindPlugin() {
            @Override
            public String name() {
                return "Binder";
            }

            @Override
            public Status bind(CycleState state, Pod pod, String nodeName) {
                Status s = bindOutcome.apply(pod);
                if (s.isSuccess()) {
                    h.clusterClient().bind(pod, nodeName);
                }
                return s;
            }
        }) { }, "test");
        r.register(new BasePluginFactory("SilentBinder", (a, h) -> new BindPlugin() {
            @Override
            public String name() {
                return "SilentBinder";
            }

            @Override
            public Status bind(CycleState state, Pod pod, String nodeName) {
                return Status.SUCCESS;
            }
        }) { }, "test");
        return r;
    }
}
