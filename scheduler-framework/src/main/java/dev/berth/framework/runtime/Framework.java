package dev.berth.framework.runtime;

import dev.berth.framework.api.PodPriority;
import static dev.berth.framework.runtime.ExtensionPointNames.BIND;
import static dev.berth.framework.runtime.ExtensionPointNames.FILTER;
import static dev.berth.framework.runtime.ExtensionPointNames.NORMALIZE_SCORE;
import static dev.berth.framework.runtime.ExtensionPointNames.PERMIT;
import static dev.berth.framework.runtime.ExtensionPointNames.POST_BIND;
import static dev.berth.framework.runtime.ExtensionPointNames.POST_FILTER;
import static dev.berth.framework.runtime.ExtensionPointNames.PRE_BIND;
import static dev.berth.framework.runtime.ExtensionPointNames.PRE_ENQUEUE;
import static dev.berth.framework.runtime.ExtensionPointNames.PRE_FILTER;
import static dev.berth.framework.runtime.ExtensionPointNames.PRE_FILTER_EXTENSION_ADD_POD;
import static dev.berth.framework.runtime.ExtensionPointNames.PRE_FILTER_EXTENSION_REMOVE_POD;
import static dev.berth.framework.runtime.ExtensionPointNames.PRE_SCORE;
import static dev.berth.framework.runtime.ExtensionPointNames.RESERVE;
import static dev.berth.framework.runtime.ExtensionPointNames.SCORE;
import static dev.berth.framework.runtime.ExtensionPointNames.UNRESERVE;

import dev.berth.framework.api.BindPlugin;
import dev.berth.framework.api.ClusterClient;
import dev.berth.framework.api.ClusterEventWithHint;
import dev.berth.framework.api.CycleState;
import dev.berth.framework.api.EnqueueExtensions;
import dev.berth.framework.api.EventRecorder;
import dev.berth.framework.api.FilterPlugin;
import dev.berth.framework.api.Handle;
import dev.berth.framework.api.NodeInfo;
import dev.berth.framework.api.NodeInfoLister;
import dev.berth.framework.api.NodeScores;
import dev.berth.framework.api.NodeToStatus;
import dev.berth.framework.api.Parallelizer;
import dev.berth.framework.api.PermitPlugin;
import dev.berth.framework.api.PermitResult;
import dev.berth.framework.api.Plugin;
import dev.berth.framework.api.PluginStatusException;
import dev.berth.framework.api.PodInfo;
import dev.berth.framework.api.PostBindPlugin;
import dev.berth.framework.api.PostFilterPlugin;
import dev.berth.framework.api.PostFilterResult;
import dev.berth.framework.api.PreBindPlugin;
import dev.berth.framework.api.PreEnqueuePlugin;
import dev.berth.framework.api.PreFilterPlugin;
import dev.berth.framework.api.PreFilterResult;
import dev.berth.framework.api.PreScorePlugin;
import dev.berth.framework.api.QueueSortPlugin;
import dev.berth.framework.api.QueuedPodInfo;
import dev.berth.framework.api.ReservePlugin;
import dev.berth.framework.api.ScorePlugin;
import dev.berth.framework.api.StateKey;
import dev.berth.framework.api.Status;
import dev.berth.framework.api.WaitingPods;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * One profile's plugins and the logic that runs them at each extension point (upstream's
 * {@code frameworkImpl}). Also the {@link Handle} its plugins receive. Every plugin call goes through
 * {@link #call}: exceptions and overruns become Error statuses, statuses get the plugin's name, and a
 * sampled share of calls is timed for {@code scheduler_plugin_execution_duration_seconds}.
 */
public final class Framework implements Handle {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Framework.class);

    /** A scored node: its name and weighted total over all Score plugins. */
    public record NodeScore(String name, long totalScore) {
    }

    /** Per-plugin scores after normalization (before weights), and each node's weighted total. */
    public record ScoreResult(List<String> nodeNames, Map<String, long[]> pluginScores, long[] totals, Status status) {
    }

    /** The Filter plugins not skipped by their PreFilter, fixed for the attempt once PreFilter ran. */
    private record ActiveFilters(List<FilterPlugin> plugins) implements CycleState.StateData {
        @Override
        public CycleState.StateData copy() {
            return this;
        }
    }

    private final StateKey<ActiveFilters> activeFiltersKey;
    private final String profileName;
    private final int percentageOfNodesToScore;
    private final FrameworkServices services;
    private final EventRecorder eventRecorder;
    private final WaitingPodsMap waitingPods = new WaitingPodsMap();
    private final Map<String, Plugin> plugins = new LinkedHashMap<>();

    private final List<PreEnqueuePlugin> preEnqueuePlugins = new ArrayList<>();
    private QueueSortPlugin queueSortPlugin;
    private final List<PreFilterPlugin> preFilterPlugins = new ArrayList<>();
    private final List<FilterPlugin> filterPlugins = new ArrayList<>();
    private final List<PostFilterPlugin> postFilterPlugins = new ArrayList<>();
    private final List<PreScorePlugin> preScorePlugins = new ArrayList<>();
    private final List<ScorePlugin> scorePlugins = new ArrayList<>();
    private final Map<String, Integer> scoreWeights = new LinkedHashMap<>();
    private final List<ReservePlugin> reservePlugins = new ArrayList<>();
    private final List<PermitPlugin> permitPlugins = new ArrayList<>();
    private final List<PreBindPlugin> preBindPlugins = new ArrayList<>();
    private final List<BindPlugin> bindPlugins = new ArrayList<>();
    private final List<PostBindPlugin> postBindPlugins = new ArrayList<>();

    Framework(String profileName, int percentageOfNodesToScore, FrameworkServices services) {
        this.profileName = profileName;
        this.activeFiltersKey = StateKey.of("berth.framework/ActiveFilters/" + profileName, ActiveFilters.class);
        this.percentageOfNodesToScore = percentageOfNodesToScore;
        this.services = services;
        this.eventRecorder = new ClusterEventRecorder(services.cluster(), services.clock(), profileName);
    }

    // ---- wiring, used by FrameworkBuilder ----

    void addPlugin(Plugin plugin) {
        plugins.put(plugin.name(), plugin);
    }

    void setQueueSort(QueueSortPlugin p) {
        queueSortPlugin = p;
    }

    List<PreEnqueuePlugin> preEnqueueList() {
        return preEnqueuePlugins;
    }

    List<PreFilterPlugin> preFilterList() {
        return preFilterPlugins;
    }

    List<FilterPlugin> filterList() {
        return filterPlugins;
    }

    List<PostFilterPlugin> postFilterList() {
        return postFilterPlugins;
    }

    List<PreScorePlugin> preScoreList() {
        return preScorePlugins;
    }

    void addScore(ScorePlugin p, int weight) {
        scorePlugins.add(p);
        scoreWeights.put(p.name(), weight);
    }

    List<ReservePlugin> reserveList() {
        return reservePlugins;
    }

    List<PermitPlugin> permitList() {
        return permitPlugins;
    }

    List<PreBindPlugin> preBindList() {
        return preBindPlugins;
    }

    List<BindPlugin> bindList() {
        return bindPlugins;
    }

    List<PostBindPlugin> postBindList() {
        return postBindPlugins;
    }

    // ---- introspection ----

    public String profileName() {
        return profileName;
    }

    /** This profile's percentageOfNodesToScore (0 = adaptive). */
    public int percentageOfNodesToScore() {
        return percentageOfNodesToScore;
    }

    /** The plugins by name, in configuration order. */
    public Map<String, Plugin> plugins() {
        return java.util.Collections.unmodifiableMap(plugins);
    }

    /** The names of the plugins enabled at an extension point, in run order (e.g. {@code "Filter"}). */
    public List<String> pluginNames(String extensionPoint) {
        List<? extends Plugin> list = switch (extensionPoint) {
            case PRE_ENQUEUE -> preEnqueuePlugins;
            case "QueueSort" -> queueSortPlugin == null ? List.of() : List.of(queueSortPlugin);
            case PRE_FILTER -> preFilterPlugins;
            case FILTER -> filterPlugins;
            case POST_FILTER -> postFilterPlugins;
            case PRE_SCORE -> preScorePlugins;
            case SCORE -> scorePlugins;
            case RESERVE -> reservePlugins;
            case PERMIT -> permitPlugins;
            case PRE_BIND -> preBindPlugins;
            case BIND -> bindPlugins;
            case POST_BIND -> postBindPlugins;
            default -> throw new IllegalArgumentException("unknown extension point " + extensionPoint);
        };
        return list.stream().map(Plugin::name).toList();
    }

    /** The weight of a Score plugin. */
    public int scoreWeight(String plugin) {
        return scoreWeights.getOrDefault(plugin, 0);
    }

    public boolean hasFilterPlugins() {
        return !filterPlugins.isEmpty();
    }

    public boolean hasScorePlugins() {
        return !scorePlugins.isEmpty();
    }

    public boolean hasPostFilterPlugins() {
        return !postFilterPlugins.isEmpty();
    }

    /** The active-queue order given by the QueueSort plugin. */
    public Comparator<QueuedPodInfo> queueOrder() {
        QueueSortPlugin sort = queueSortPlugin;
        return (a, b) -> sort.less(a, b) ? -1 : sort.less(b, a) ? 1 : 0;
    }

    public QueueSortPlugin queueSortPlugin() {
        return queueSortPlugin;
    }

    /**
     * The events each plugin that may reject pods registered. Plugins that reject but do not implement
     * {@link EnqueueExtensions} are absent: any event wakes their pods.
     */
    public Map<String, List<ClusterEventWithHint>> eventRegistrations() {
        Map<String, List<ClusterEventWithHint>> out = new LinkedHashMap<>();
        for (Plugin p : plugins.values()) {
            if (p instanceof EnqueueExtensions ext) {
                List<ClusterEventWithHint> events;
                try {
                    events = ext.eventsToRegister();
                } catch (RuntimeException e) {
                    LOG.warn("plugin {} failed to list its cluster events; any event will retry the pods it rejects", p.name(), e);
                    continue;
                }
                out.put(p.name(), List.copyOf(events));
            }
        }
        return out;
    }

    /**
     * Releases what plugins hold for the profile's lifetime (e.g. watches they started): closes every plugin
     * that implements {@link AutoCloseable}. A plugin that fails to close is logged, not rethrown.
     */
    void closePlugins() {
        for (Plugin p : plugins.values()) {
            if (p instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    LOG.warn("plugin {} failed to close", p.name(), e);
                }
            }
        }
    }

    /** The custom resource kinds this profile's plugins register events for, by kind. */
    public Map<String, Class<? extends HasMetadata>> customResourceKinds() {
        Map<String, Class<? extends HasMetadata>> out = new LinkedHashMap<>();
        for (Plugin p : plugins.values()) {
            if (p instanceof EnqueueExtensions ext) {
                out.putAll(ext.customResourceKinds());
            }
        }
        return out;
    }

    // ---- plugin call guard ----

    /** Runs one plugin call with the time limit, exception handling and sampled timing of {@code point}. */
    private Status call(Plugin plugin, String point, CycleState state, Duration timeout, Supplier<Status> body) {
        long start = startTiming(state);
        boolean owner = services.timeouts().enter(timeout);
        Status status;
        try {
            status = body.get();
        } catch (RuntimeException | LinkageError | StackOverflowError e) {
            status = failure(plugin, point, e);
        }
        return finish(plugin, point, state, timeout, owner, start, status);
    }

    private static long startTiming(CycleState state) {
        return state != null && state.recordPluginMetrics() ? System.nanoTime() : 0;
    }

    private static Status failure(Plugin plugin, String point, Throwable e) {
        if (e instanceof PluginStatusException pse) {
            return pse.status();
        }
        return Status.error(new PluginFailure(plugin.name(), point, e));
    }

    /** Ends a guarded call: overruns and missing statuses become errors, sampled calls are timed, the plugin is named. */
    private Status finish(Plugin plugin, String point, CycleState state, Duration timeout, boolean owner, long start, Status status) {
        if (owner && services.timeouts().exit()) {
            status = Status.error("plugin \"" + plugin.name() + "\" exceeded the " + point + " time limit of "
                    + GoDurations.format(timeout));
        } else if (status == null) {
            status = Status.error("plugin \"" + plugin.name() + "\" returned no status at " + point);
        }
        if (start != 0) {
            services.metrics().pluginExecution(plugin.name(), point, status.code().upstreamName(), System.nanoTime() - start);
        }
        return status.withPlugin(plugin.name());
    }

    /** One Filter call without a lambda: this runs for every plugin on every node of every attempt. */
    private Status filterCall(FilterPlugin p, CycleState state, Pod pod, NodeInfo nodeInfo) {
        Duration timeout = services.schedulingCycleTimeout();
        long start = startTiming(state);
        boolean owner = services.timeouts().enter(timeout);
        Status status;
        try {
            status = p.filter(state, pod, nodeInfo);
        } catch (RuntimeException | LinkageError | StackOverflowError e) {
            status = failure(p, FILTER, e);
        }
        return finish(p, FILTER, state, timeout, owner, start, status);
    }

    /** One Score call without a lambda; the score goes to {@code out[index]}. */
    private Status scoreCall(ScorePlugin p, CycleState state, Pod pod, NodeInfo nodeInfo, long[] out, int index) {
        Duration timeout = services.schedulingCycleTimeout();
        long start = startTiming(state);
        boolean owner = services.timeouts().enter(timeout);
        Status status = Status.SUCCESS;
        try {
            out[index] = p.score(state, pod, nodeInfo);
        } catch (RuntimeException | LinkageError | StackOverflowError e) {
            status = failure(p, SCORE, e);
        }
        return finish(p, SCORE, state, timeout, owner, start, status);
    }

    private Status inCycle(Plugin plugin, String point, CycleState state, Supplier<Status> body) {
        return call(plugin, point, state, services.schedulingCycleTimeout(), body);
    }

    private Status inBinding(Plugin plugin, String point, CycleState state, Supplier<Status> body) {
        return call(plugin, point, state, services.bindingCycleTimeout(), body);
    }

    private void recordPoint(String point, Status status, long start) {
        services.metrics().extensionPoint(point, status.code().upstreamName(), profileName, System.nanoTime() - start);
    }

    /** Wraps an Error status so the message names the plugin and point, like upstream's "running %q filter plugin: ...". */
    private static Status asRunningError(String point, Plugin plugin, Status status) {
        return Status.error("running \"" + plugin.name() + "\" " + point + " plugin: " + status.message()).withPlugin(plugin.name());
    }

    // ---- extension points ----

    /** Runs PreEnqueue plugins; the first non-success gates the pod. */
    public Status runPreEnqueuePlugins(Pod pod) {
        for (PreEnqueuePlugin p : preEnqueuePlugins) {
            Status s = inCycle(p, PRE_ENQUEUE, null, () -> p.preEnqueue(pod));
            if (!s.isSuccess()) {
                return s;
            }
        }
        return Status.SUCCESS;
    }

    /**
     * Runs PreFilter plugins. Skips are recorded in the state; node subsets are intersected; a
     * rejection stops the pass. The result's node set is empty when every node is eligible.
     */
    public PreFilterResult runPreFilterPlugins(CycleState state, Pod pod, List<NodeInfo> nodes) {
        long start = System.nanoTime();
        PreFilterResult merged = PreFilterResult.allNodes();
        List<String> subsetPlugins = new ArrayList<>();
        for (PreFilterPlugin p : preFilterPlugins) {
            PreFilterResult[] out = new PreFilterResult[1];
            Status s = inCycle(p, PRE_FILTER, state, () -> {
                PreFilterResult r = p.preFilter(state, pod, nodes);
                out[0] = r == null ? PreFilterResult.allNodes() : r;
                return out[0].status();
            });
            if (s.isSkip()) {
                state.skipFilter(p.name());
                continue;
            }
            if (!s.isSuccess()) {
                Status result = s.isRejected() ? s : asRunningError(PRE_FILTER, p, s);
                recordPoint(PRE_FILTER, result, start);
                return PreFilterResult.of(result);
            }
            if (out[0].nodeNames().isPresent()) {
                subsetPlugins.add(p.name());
            }
            merged = merged.merge(out[0]);
            if (merged.nodeNames().map(java.util.Set::isEmpty).orElse(false)) {
                String msg = "node(s) didn't satisfy plugin(s) " + subsetPlugins + " simultaneously";
                if (subsetPlugins.size() == 1) {
                    msg = "node(s) didn't satisfy plugin " + subsetPlugins.get(0);
                }
                Status rejected = Status.unresolvable(msg).withPlugin(p.name());
                recordPoint(PRE_FILTER, rejected, start);
                return PreFilterResult.of(rejected);
            }
        }
        state.write(activeFiltersKey, new ActiveFilters(activeFilters(state)));
        recordPoint(PRE_FILTER, Status.SUCCESS, start);
        return merged;
    }

    /** Runs Filter plugins on one node; stops at the first plugin that does not pass. */
    public Status runFilterPlugins(CycleState state, Pod pod, NodeInfo nodeInfo) {
        return runFilterPlugins(state, pod, nodeInfo, null);
    }

    /**
     * Runs Filter plugins on one node and, when {@code trace} is given, replaces its contents with each
     * plugin's status by plugin name in run order (passing statuses carry no plugin name, hence the map).
     * The scheduling hot path passes {@code null} and allocates nothing.
     */
    private Status runFilterPlugins(CycleState state, Pod pod, NodeInfo nodeInfo, Map<String, Status> trace) {
        if (trace != null) {
            trace.clear();
        }
        List<FilterPlugin> active = state.read(activeFiltersKey).map(ActiveFilters::plugins).orElseGet(() -> activeFilters(state));
        for (FilterPlugin p : active) {
            Status s = filterCall(p, state, pod, nodeInfo);
            Status result = s.isSuccess() || s.isRejected() ? s : asRunningError(FILTER, p, s);
            if (trace != null) {
                trace.put(p.name(), result);
            }
            if (!result.isSuccess()) {
                return result;
            }
        }
        return Status.SUCCESS;
    }

    /** The names of the Filter plugins this cycle runs, in order: those PreFilter skipped are left out. */
    public List<String> activeFilterPluginNames(CycleState state) {
        List<FilterPlugin> active = state.read(activeFiltersKey).map(ActiveFilters::plugins).orElseGet(() -> activeFilters(state));
        List<String> names = new ArrayList<>(active.size());
        for (FilterPlugin p : active) {
            names.add(p.name());
        }
        return names;
    }

    private List<FilterPlugin> activeFilters(CycleState state) {
        List<FilterPlugin> active = new ArrayList<>(filterPlugins.size());
        for (FilterPlugin p : filterPlugins) {
            if (!state.isFilterSkipped(p.name())) {
                active.add(p);
            }
        }
        return active;
    }

    @Override
    public Status runFilterPluginsWithNominatedPods(CycleState state, Pod pod, NodeInfo nodeInfo) {
        return runFilterPluginsWithNominatedPods(state, pod, nodeInfo, null);
    }

    /**
     * Like {@link #runFilterPluginsWithNominatedPods(CycleState, Pod, NodeInfo)}, but returns each Filter
     * plugin's status by plugin name, in run order (as kube-scheduler-simulator records them): passing plugins,
     * then the first that did not pass, where filtering of the node stopped. Plugins skipped by PreFilter
     * are absent. The statuses are those of the last pass (upstream may filter twice, with and without
     * nominated pods); a failing PreFilter AddPod extension is the only entry when it stops the node.
     */
    public Map<String, Status> filterStatusesWithNominatedPods(CycleState state, Pod pod, NodeInfo nodeInfo) {
        Map<String, Status> trace = new LinkedHashMap<>();
        Status status = runFilterPluginsWithNominatedPods(state, pod, nodeInfo, trace);
        if (!status.isSuccess() && trace.isEmpty()) {
            trace.put(status.plugin(), status);
        }
        return trace;
    }

    private Status runFilterPluginsWithNominatedPods(CycleState state, Pod pod, NodeInfo nodeInfo, Map<String, Status> trace) {
        List<PodInfo> nominated = nodeInfo.node() == null ? List.of() : services.nominator().apply(nodeInfo.nodeName());
        if (nominated.isEmpty()) {
            return runFilterPlugins(state, pod, nodeInfo, trace);
        }
        // As upstream: first with nominated pods of equal or higher priority counted as running,
        // then, if that passed and any were added, without them (they may never arrive).
        CycleState withNominated = state.copy();
        NodeInfo nodeWithNominated = nodeInfo.copy();
        boolean added = false;
        int priority = PodPriority.of(pod);
        for (PodInfo pi : nominated) {
            if (PodPriority.of(pi.pod()) >= priority && !pi.uid().equals(pod.getMetadata().getUid())) {
                nodeWithNominated.addPod(pi);
                Status s = runPreFilterExtensionAddPod(withNominated, pod, pi, nodeWithNominated);
                if (!s.isSuccess()) {
                    return s;
                }
                added = true;
            }
        }
        Status status = runFilterPlugins(added ? withNominated : state, pod, added ? nodeWithNominated : nodeInfo, trace);
        if (!added || !status.isSuccess()) {
            return status;
        }
        return runFilterPlugins(state, pod, nodeInfo, trace);
    }

    @Override
    public Status runPreFilterExtensionAddPod(CycleState state, Pod podToSchedule, PodInfo podToAdd, NodeInfo nodeInfo) {
        return runPreFilterExtension(state, PRE_FILTER_EXTENSION_ADD_POD,
                (ext, p) -> ext.addPod(state, podToSchedule, podToAdd, nodeInfo));
    }

    @Override
    public Status runPreFilterExtensionRemovePod(CycleState state, Pod podToSchedule, PodInfo podToRemove, NodeInfo nodeInfo) {
        return runPreFilterExtension(state, PRE_FILTER_EXTENSION_REMOVE_POD,
                (ext, p) -> ext.removePod(state, podToSchedule, podToRemove, nodeInfo));
    }

    private Status runPreFilterExtension(CycleState state, String point,
                                         java.util.function.BiFunction<PreFilterPlugin.PreFilterExtensions, PreFilterPlugin, Status> op) {
        for (PreFilterPlugin p : preFilterPlugins) {
            if (state.isFilterSkipped(p.name())) {
                continue;
            }
            Optional<PreFilterPlugin.PreFilterExtensions> ext = p.preFilterExtensions();
            if (ext.isEmpty()) {
                continue;
            }
            Status s = inCycle(p, point, state, () -> op.apply(ext.get(), p));
            if (!s.isSuccess()) {
                return asRunningError(point, p, s);
            }
        }
        return Status.SUCCESS;
    }

    /** Runs PostFilter plugins until one succeeds (or errors); returns the last result otherwise. */
    public PostFilterResult runPostFilterPlugins(CycleState state, Pod pod, NodeToStatus statuses) {
        long start = System.nanoTime();
        PostFilterResult last = PostFilterResult.of(Status.unschedulable());
        List<String> reasons = new ArrayList<>();
        for (PostFilterPlugin p : postFilterPlugins) {
            PostFilterResult[] out = new PostFilterResult[1];
            Status s = inCycle(p, POST_FILTER, state, () -> {
                PostFilterResult r = p.postFilter(state, pod, statuses);
                out[0] = r == null ? PostFilterResult.of(Status.unschedulable()) : r;
                return out[0].status();
            });
            if (s.isSuccess()) {
                recordPoint(POST_FILTER, s, start);
                return out[0];
            }
            if (!s.isRejected()) {
                recordPoint(POST_FILTER, s, start);
                return PostFilterResult.of(s);
            }
            reasons.addAll(s.reasons());
            last = PostFilterResult.of(Status.unschedulable(reasons.toArray(String[]::new)).withPlugin(p.name()));
        }
        recordPoint(POST_FILTER, last.status(), start);
        return last;
    }

    /** Runs PreScore plugins over the feasible nodes; Skips are recorded in the state. */
    public Status runPreScorePlugins(CycleState state, Pod pod, List<NodeInfo> nodes) {
        long start = System.nanoTime();
        for (PreScorePlugin p : preScorePlugins) {
            Status s = inCycle(p, PRE_SCORE, state, () -> p.preScore(state, pod, nodes));
            if (s.isSkip()) {
                state.skipScore(p.name());
                continue;
            }
            if (!s.isSuccess()) {
                Status err = asRunningError(PRE_SCORE, p, s);
                recordPoint(PRE_SCORE, err, start);
                return err;
            }
        }
        recordPoint(PRE_SCORE, Status.SUCCESS, start);
        return Status.SUCCESS;
    }

    /**
     * Runs Score plugins over {@code nodes} in parallel, then each plugin's NormalizeScore, checks the
     * range, and sums with weights.
     */
    public ScoreResult runScorePlugins(CycleState state, Pod pod, List<NodeInfo> nodes) {
        long start = System.nanoTime();
        int n = nodes.size();
        List<ScorePlugin> active = new ArrayList<>();
        for (ScorePlugin p : scorePlugins) {
            if (!state.isScoreSkipped(p.name())) {
                active.add(p);
            }
        }
        String[] names = new String[n];
        for (int i = 0; i < n; i++) {
            names[i] = nodes.get(i).nodeName();
        }
        long[][] scores = new long[active.size()][n];
        Status[] firstError = new Status[1];
        services.parallelizer().until(n, i -> {
            NodeInfo node = nodes.get(i);
            for (int k = 0; k < active.size(); k++) {
                ScorePlugin p = active.get(k);
                Status s = scoreCall(p, state, pod, node, scores[k], i);
                if (!s.isSuccess()) {
                    synchronized (firstError) {
                        if (firstError[0] == null) {
                            firstError[0] = asRunningError(SCORE, p, s);
                        }
                    }
                    return;
                }
            }
        });
        Status status = firstError[0] == null ? Status.SUCCESS : firstError[0];
        Map<String, long[]> byPlugin = new LinkedHashMap<>();
        long[] totals = new long[n];
        for (int k = 0; k < active.size() && status.isSuccess(); k++) {
            ScorePlugin p = active.get(k);
            NodeScores ns = new NodeScores(names, scores[k]);
            Optional<ScorePlugin.ScoreExtensions> ext = p.scoreExtensions();
            if (ext.isPresent()) {
                Status s = inCycle(p, NORMALIZE_SCORE, state, () -> ext.get().normalizeScore(state, pod, ns));
                if (!s.isSuccess()) {
                    status = asRunningError(NORMALIZE_SCORE, p, s);
                    break;
                }
            }
            int weight = scoreWeights.get(p.name());
            for (int i = 0; i < n; i++) {
                long score = scores[k][i];
                if (score < ScorePlugin.MIN_NODE_SCORE || score > ScorePlugin.MAX_NODE_SCORE) {
                    status = Status.error("plugin \"" + p.name() + "\" returns an invalid score " + score
                            + ", it should in the range of [0, 100] after normalizing").withPlugin(p.name());
                    break;
                }
                totals[i] += score * weight;
            }
            byPlugin.put(p.name(), scores[k]);
        }
        recordPoint(SCORE, status, start);
        return new ScoreResult(List.of(names), byPlugin, totals, status);
    }

    /** Runs Reserve plugins in order; the first failure stops the pass (the caller then unreserves). */
    public Status runReservePluginsReserve(CycleState state, Pod pod, String nodeName) {
        long start = System.nanoTime();
        for (ReservePlugin p : reservePlugins) {
            Status s = inCycle(p, RESERVE, state, () -> p.reserve(state, pod, nodeName));
            if (!s.isSuccess()) {
                Status result = s.isRejected() ? s : asRunningError(RESERVE, p, s);
                recordPoint(RESERVE, result, start);
                return result;
            }
        }
        recordPoint(RESERVE, Status.SUCCESS, start);
        return Status.SUCCESS;
    }

    /** Runs every Reserve plugin's Unreserve in reverse order; failures are logged by the guard and ignored. */
    public void runReservePluginsUnreserve(CycleState state, Pod pod, String nodeName) {
        long start = System.nanoTime();
        for (int i = reservePlugins.size() - 1; i >= 0; i--) {
            ReservePlugin p = reservePlugins.get(i);
            inBinding(p, UNRESERVE, state, () -> {
                p.unreserve(state, pod, nodeName);
                return Status.SUCCESS;
            });
        }
        recordPoint(UNRESERVE, Status.SUCCESS, start);
    }

    /**
     * Runs Permit plugins. Returns success, a rejection/error, or Wait; on Wait the pod is registered
     * as waiting and {@link #waitOnPermit} gives its outcome.
     */
    public Status runPermitPlugins(CycleState state, Pod pod, String nodeName) {
        long start = System.nanoTime();
        WaitingPodImpl waiting = null;
        for (PermitPlugin p : permitPlugins) {
            PermitResult[] out = new PermitResult[1];
            Status s = inCycle(p, PERMIT, state, () -> {
                out[0] = p.permit(state, pod, nodeName);
                return out[0] == null ? null : out[0].status();
            });
            if (s.isWait()) {
                if (waiting == null) {
                    waiting = new WaitingPodImpl(pod, nodeName);
                }
                waiting.waitFor(p.name(), out[0].timeout(), services.timers());
                continue;
            }
            if (!s.isSuccess()) {
                if (waiting != null) {
                    waiting.reject(p.name(), s.message());
                }
                Status result = s.isRejected() ? s : asRunningError(PERMIT, p, s);
                recordPoint(PERMIT, result, start);
                return result;
            }
        }
        if (waiting != null) {
            waitingPods.add(pod.getMetadata().getUid(), waiting);
            Status wait = Status.waiting("one or more plugins asked to wait and no plugin rejected pod \""
                    + pod.getMetadata().getName() + "\"");
            recordPoint(PERMIT, wait, start);
            return wait;
        }
        recordPoint(PERMIT, Status.SUCCESS, start);
        return Status.SUCCESS;
    }

    /** The outcome of a pod's Permit wait (immediately success if it is not waiting). */
    public CompletableFuture<Status> waitOnPermit(Pod pod) {
        String uid = pod.getMetadata().getUid();
        Optional<dev.berth.framework.api.WaitingPod> wp = waitingPods.get(uid);
        if (wp.isEmpty()) {
            return CompletableFuture.completedFuture(Status.SUCCESS);
        }
        return ((WaitingPodImpl) wp.get()).outcome().whenComplete((s, e) -> waitingPods.remove(uid));
    }

    /** Runs PreBind plugins; the first failure stops the pass. */
    public Status runPreBindPlugins(CycleState state, Pod pod, String nodeName) {
        long start = System.nanoTime();
        for (PreBindPlugin p : preBindPlugins) {
            Status s = inBinding(p, PRE_BIND, state, () -> p.preBind(state, pod, nodeName));
            if (!s.isSuccess()) {
                Status result = s.isRejected() ? s : asRunningError(PRE_BIND, p, s);
                recordPoint(PRE_BIND, result, start);
                return result;
            }
        }
        recordPoint(PRE_BIND, Status.SUCCESS, start);
        return Status.SUCCESS;
    }

    /** Runs Bind plugins until one does not Skip; its status is the outcome. All skipping is an error. */
    public Status runBindPlugins(CycleState state, Pod pod, String nodeName) {
        long start = System.nanoTime();
        for (BindPlugin p : bindPlugins) {
            Status s = inBinding(p, BIND, state, () -> p.bind(state, pod, nodeName));
            if (s.isSkip()) {
                continue;
            }
            Status result = s.isSuccess() || s.isRejected() ? s : asRunningError(BIND, p, s);
            recordPoint(BIND, result, start);
            return result;
        }
        Status none = Status.error("no bind plugin bound pod " + pod.getMetadata().getNamespace() + "/"
                + pod.getMetadata().getName() + ": all of them skipped it");
        recordPoint(BIND, none, start);
        return none;
    }

    /** Runs PostBind plugins (informational). */
    public void runPostBindPlugins(CycleState state, Pod pod, String nodeName) {
        long start = System.nanoTime();
        for (PostBindPlugin p : postBindPlugins) {
            inBinding(p, POST_BIND, state, () -> {
                p.postBind(state, pod, nodeName);
                return Status.SUCCESS;
            });
        }
        recordPoint(POST_BIND, Status.SUCCESS, start);
    }

    // ---- Handle ----

    @Override
    public NodeInfoLister snapshot() {
        return services.snapshot().get();
    }

    @Override
    public ClusterClient clusterClient() {
        return services.cluster();
    }

    @Override
    public WaitingPods waitingPods() {
        return waitingPods;
    }

    @Override
    public EventRecorder eventRecorder() {
        return eventRecorder;
    }

    @Override
    public Parallelizer parallelizer() {
        return services.parallelizer();
    }

    @Override
    public List<PodInfo> nominatedPodsForNode(String nodeName) {
        return services.nominator().apply(nodeName);
    }

    /** The services this framework runs with. */
    FrameworkServices services() {
        return services;
    }
}
