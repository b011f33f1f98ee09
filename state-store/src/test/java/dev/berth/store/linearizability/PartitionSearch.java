package dev.berth.store.linearizability;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Wing and Gong's backtracking search for a linearization of one partition, with Lowe's memoization.
 *
 * <p>The search walks the {@link EventList} from its earliest event. Every call it meets before the first return is
 * an operation that could take effect next; it tries each in turn, and one that the model accepts is linearized
 * (lifted out of the list) and the walk restarts from the front. Meeting a return means the operation returning there
 * is still unlinearized, which is too late, so the last choice is undone and its next alternative tried. The history
 * is linearizable once every operation with a known outcome is linearized.
 *
 * <p>The memo remembers search nodes (linearized operations, model state) found to lead nowhere, and a node equal to
 * one of them is not explored again; this turns the search from factorial to roughly linear on typical histories with
 * a few concurrent clients.
 *
 * <h2>Operations with unknown outcomes</h2>
 *
 * Such an operation may take effect at any point after its call, or never. It never returns, so it is not in the
 * event list (it never bounds what may go next, and left over at the end it simply never took effect); it is a
 * candidate at every node whose first return comes after its call. Naively, a few dozen of them make refuting a long
 * history exponential: the search applies each at every point, and every sequence of them, even when each is
 * overwritten before anyone could see it. These refinements keep that in check:
 * <ul>
 *   <li><b>Order.</b> At each node the known-outcome candidates are tried first, so the search explores not applying
 *       the unknown ones before applying them.</li>
 *   <li><b>No-ops.</b> Applying one that leaves the state as it was is never tried: never taking effect is the
 *       same.</li>
 *   <li><b>Dominance.</b> A node that differs from a failed one only by having applied more unknown-outcome operations
 *       fails too: any continuation from it works from the failed node as well, where those operations can simply
 *       never take effect. So the memo is keyed by (known-outcome operations linearized, state) and keeps, per key,
 *       the sets of unknown-outcome operations applied in failed nodes; a node applying a superset of one is cut.</li>
 *   <li><b>Chains.</b> Call a node reached by linearizing a known-outcome operation (or the start) a root, and one
 *       reached from a root by applying only unknown-outcome operations a chain node. At a chain node, applying an
 *       unknown-outcome operation is cut when it reaches the same state as applying it straight at the root: that
 *       root child applies fewer operations, so it dominates, and the root tries it too. (For a register, a timed-out
 *       write is then only ever tried directly after a root, never stacked on another timed-out write that it
 *       overwrites.) An operation the model says {@linkplain Model#overwritesState overwrites the state} always
 *       reaches the same state, so it is cut at a chain node without stepping the model; one with a known outcome
 *       would be cut by the memo anyway, as the root has already tried it.</li>
 * </ul>
 * Only genuine failures enter the memo. A root has failed once all its children have. A chain node whose subtree cut
 * an unknown-outcome operation for the root to try has failed only on condition that the root's child fails, which is
 * not known yet; it enters the memo when its root does.
 */
final class PartitionSearch<S, I, O> {

    /** How many search steps between deadline checks: a step is cheap, {@code System.nanoTime()} is not free. */
    private static final int STEPS_PER_DEADLINE_CHECK = 256;

    /** A search node's identity apart from which unknown-outcome operations it applied. */
    private record MemoKey<S>(LinearizedSet.Snapshot knownLinearized, S state) {
    }

    /** A node that led nowhere: a memo entry. */
    private record Failure<S>(MemoKey<S> node, LinearizedSet.Snapshot unknownApplied) {
    }

    /**
     * One operation linearized on the current path, and the node it led to. Frames form a persistent stack, so keeping
     * the deepest path found costs nothing.
     *
     * @param call the operation's call event, or {@code null} for an operation with an unknown outcome
     * @param rootState the state of the root this node belongs to (itself, if {@code call} is not null)
     * @param parentConditional whether the parent's failure had already become conditional (see the class comment)
     * @param knownDepth how many known-outcome operations the path has linearized
     */
    private record Frame<S>(
            int opId,
            EventList.Entry call,
            S stateBefore,
            MemoKey<S> node,
            LinearizedSet.Snapshot unknownApplied,
            S rootState,
            boolean parentConditional,
            Frame<S> parent,
            int knownDepth) {

        boolean unknownOutcome() {
            return call == null;
        }
    }

    private final Model<S, I, O> model;
    private final List<Operation<I, O>> ops;
    private final Deadline deadline;
    private final S initialState;
    /**
     * Each operation's number within its kind, in call order: a bit in {@link #knownLinearized} or
     * {@link #unknownApplied}, and for unknown outcomes also its index in {@link #unknownIds}.
     */
    private final int[] slot;
    private final int[] unknownIds;
    /** By operation id, whether the model says it overwrites the state (see {@link Model#overwritesState}). */
    private final boolean[] overwrites;
    private final EventList events;
    private final LinearizedSet knownLinearized;
    private final LinearizedSet unknownApplied;
    private final Map<MemoKey<S>, List<LinearizedSet.Snapshot>> failed = new HashMap<>();
    /**
     * For each root on the current path (the start first), the conditional failures of its chain nodes, which become
     * certain, and enter the memo, when the root itself fails.
     */
    private final Deque<List<Failure<S>>> deferred = new ArrayDeque<>(List.of(new ArrayList<>()));

    private Frame<S> path;
    private S state;
    /** Whether the current node, should it fail, fails only on condition (see the class comment). */
    private boolean conditional;
    private int unlinearizedKnown;

    private Frame<S> deepestPath;
    private int deepestKnownDepth = -1;
    private S deepestState;
    private List<Operation<I, O>> deepestCandidates;
    private Operation<I, O> deepestReturn;

    /** The partition's operations, sorted by call time so that ids follow call order (see {@link LinearizedSet}). */
    PartitionSearch(Model<S, I, O> model, List<Operation<I, O>> partition, Deadline deadline) {
        this.model = model;
        this.ops = partition.stream().sorted(Comparator.comparingLong(Operation::callTime)).toList();
        this.deadline = deadline;
        this.initialState = model.init();
        this.slot = new int[ops.size()];
        this.overwrites = new boolean[ops.size()];
        List<Integer> unknown = new ArrayList<>();
        int known = 0;
        for (int id = 0; id < ops.size(); id++) {
            if (ops.get(id).outcomeUnknown()) {
                slot[id] = unknown.size();
                unknown.add(id);
            } else {
                slot[id] = known++;
            }
            overwrites[id] = model.overwritesState(ops.get(id).input());
        }
        this.unknownIds = unknown.stream().mapToInt(Integer::intValue).toArray();
        this.events = new EventList(ops);
        this.knownLinearized = new LinearizedSet(known);
        this.unknownApplied = new LinearizedSet(unknownIds.length);
        this.unlinearizedKnown = known;
        this.state = initialState;
    }

    /** The partition's operations in the order the search numbers them: by call time. */
    List<Operation<I, O>> operations() {
        return ops;
    }

    /**
     * Runs the search; call once. At each node it walks the known-outcome calls before the first return, then the
     * unknown-outcome candidates, and backtracks when both are exhausted.
     */
    SearchOutcome<S, I, O> run() {
        EventList.Entry entry = events.first();
        EventList.Entry firstReturn = null;
        int unknownCursor = -1;
        long steps = 0;
        while (unlinearizedKnown > 0) {
            if (++steps % STEPS_PER_DEADLINE_CHECK == 0 && deadline.passed()) {
                return new SearchOutcome.TimedOut<>();
            }
            if (unknownCursor < 0) {
                if (!entry.isCall()) {
                    firstReturn = entry;
                    unknownCursor = 0;
                } else if (tryKnown(entry)) {
                    entry = events.first();
                } else {
                    entry = entry.next();
                }
            } else if (unknownCursor < unknownIds.length
                    && ops.get(unknownIds[unknownCursor]).callTime() <= ops.get(firstReturn.opId()).returnTime()) {
                if (tryUnknown(unknownCursor)) {
                    entry = events.first();
                    unknownCursor = -1;
                } else {
                    unknownCursor++;
                }
            } else {
                recordIfDeepest(firstReturn);
                if (path == null) {
                    return refutation();
                }
                Frame<S> undone = backtrack();
                if (undone.unknownOutcome()) {
                    unknownCursor = slot[undone.opId()] + 1;
                    firstReturn = events.firstReturn();
                } else {
                    entry = undone.call().next();
                    unknownCursor = -1;
                }
            }
        }
        return new SearchOutcome.Linearizable<>();
    }

    /** Tries linearizing a known-outcome operation whose call is before the first return. */
    private boolean tryKnown(EventList.Entry call) {
        int id = call.opId();
        if (atChainNode() && overwrites[id]) {
            return false;
        }
        Operation<I, O> op = ops.get(id);
        Optional<S> next = model.step(state, op.input(), op.output());
        if (next.isEmpty()) {
            return false;
        }
        knownLinearized.add(slot[id]);
        MemoKey<S> node = new MemoKey<>(knownLinearized.snapshot(), next.get());
        LinearizedSet.Snapshot applied = unknownApplied.snapshot();
        if (dominated(node, applied)) {
            knownLinearized.remove(slot[id]);
            return false;
        }
        path = new Frame<>(id, call, state, node, applied, next.get(), conditional, path, knownDepth(path) + 1);
        state = next.get();
        conditional = false;
        deferred.push(new ArrayList<>());
        events.lift(call);
        unlinearizedKnown--;
        return true;
    }

    /**
     * Tries applying a pending unknown-outcome operation, cheapest cuts first: an operation with no effect, then the
     * chain rule, then the memo (see the class comment).
     */
    private boolean tryUnknown(int index) {
        int id = unknownIds[index];
        if (unknownApplied.contains(index)) {
            return false;
        }
        if (atChainNode() && overwrites[id]) {
            conditional = true;
            return false;
        }
        I input = ops.get(id).input();
        Optional<S> next = model.stepUnknownOutput(state, input);
        if (next.isEmpty() || next.get().equals(state)) {
            return false;
        }
        if (atChainNode() && model.stepUnknownOutput(path.rootState(), input).equals(next)) {
            conditional = true;
            return false;
        }
        unknownApplied.add(index);
        MemoKey<S> node = new MemoKey<>(knownLinearized.snapshot(), next.get());
        LinearizedSet.Snapshot applied = unknownApplied.snapshot();
        if (dominated(node, applied)) {
            unknownApplied.remove(index);
            return false;
        }
        S root = path == null ? initialState : path.rootState();
        path = new Frame<>(id, null, state, node, applied, root, conditional, path, knownDepth(path));
        state = next.get();
        conditional = false;
        return true;
    }

    /** Whether the current node was reached from its root by unknown-outcome operations only. */
    private boolean atChainNode() {
        return path != null && path.unknownOutcome();
    }

    /**
     * Undoes the last linearized operation and returns it. Its node failed: remembered now if that is certain, or when
     * its root fails if it is conditional; a root's failure makes its chain nodes' certain.
     */
    private Frame<S> backtrack() {
        Frame<S> top = path;
        Failure<S> failure = new Failure<>(top.node(), top.unknownApplied());
        if (!top.unknownOutcome()) {
            deferred.pop().forEach(this::recordFailure);
            recordFailure(failure);
        } else if (conditional) {
            deferred.peek().add(failure);
        } else {
            recordFailure(failure);
        }
        conditional = top.parentConditional() || top.unknownOutcome() && conditional;
        state = top.stateBefore();
        path = top.parent();
        if (top.unknownOutcome()) {
            unknownApplied.remove(slot[top.opId()]);
        } else {
            knownLinearized.remove(slot[top.opId()]);
            events.unlift(top.call());
            unlinearizedKnown++;
        }
        return top;
    }

    private static int knownDepth(Frame<?> frame) {
        return frame == null ? 0 : frame.knownDepth();
    }

    private boolean dominated(MemoKey<S> node, LinearizedSet.Snapshot applied) {
        List<LinearizedSet.Snapshot> failures = failed.get(node);
        if (failures == null) {
            return false;
        }
        for (LinearizedSet.Snapshot failure : failures) {
            if (failure.isSubsetOf(applied)) {
                return true;
            }
        }
        return false;
    }

    /** Adds a memo entry; entries it dominates are dropped as redundant. */
    private void recordFailure(Failure<S> failure) {
        List<LinearizedSet.Snapshot> failures = failed.computeIfAbsent(failure.node(), k -> new ArrayList<>(1));
        if (failures.stream().anyMatch(f -> f.isSubsetOf(failure.unknownApplied()))) {
            return;
        }
        failures.removeIf(failure.unknownApplied()::isSubsetOf);
        failures.add(failure.unknownApplied());
    }

    /**
     * Keeps the dead end with the most known-outcome operations linearized: the closest the history came to being
     * linearizable. (Counting unknown-outcome ones too would favour paths that apply them for no reason.)
     */
    private void recordIfDeepest(EventList.Entry firstReturn) {
        if (knownDepth(path) <= deepestKnownDepth) {
            return;
        }
        deepestKnownDepth = knownDepth(path);
        deepestPath = path;
        deepestState = state;
        deepestReturn = ops.get(firstReturn.opId());
        deepestCandidates = new ArrayList<>();
        for (EventList.Entry e = events.first(); e != firstReturn; e = e.next()) {
            deepestCandidates.add(ops.get(e.opId()));
        }
    }

    private SearchOutcome<S, I, O> refutation() {
        List<Operation<I, O>> prefix = new ArrayList<>();
        for (Frame<S> f = deepestPath; f != null; f = f.parent()) {
            prefix.add(ops.get(f.opId()));
        }
        Collections.reverse(prefix);
        return new SearchOutcome.Refuted<>(
                List.copyOf(prefix), deepestState, List.copyOf(deepestCandidates), deepestReturn);
    }
}
