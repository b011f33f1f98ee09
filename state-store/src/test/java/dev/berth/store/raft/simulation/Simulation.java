package dev.berth.store.raft.simulation;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.berth.store.raft.Bootstrap;
import dev.berth.store.raft.MemoryStorage;
import dev.berth.store.raft.ProposalDroppedException;
import dev.berth.store.raft.RaftConfig;
import dev.berth.store.raft.RaftNode;
import dev.berth.store.raft.RaftStatus;
import dev.berth.store.raft.ReadState;
import dev.berth.store.raft.Ready;
import dev.berth.store.raft.RoleKind;
import dev.berth.store.raft.pb.ConfChange;
import dev.berth.store.raft.pb.ConfChangeType;
import dev.berth.store.raft.pb.Entry;
import dev.berth.store.raft.pb.EntryType;
import dev.berth.store.raft.pb.Message;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * A seeded, fully deterministic run of a Raft cluster on simulated time, in the pattern of Kafka's
 * RaftEventSimulationTest: members on an unreliable network, crashes that lose unsynced writes, restarts
 * from disk, partitions, membership changes and leadership transfers mid-run, and clients writing and
 * reading through the cluster. Safety invariants are checked after every event; the client history is
 * kept for a linearizability check. The same seed always replays the same run.
 */
public final class Simulation {
    /** The shape of a run. */
    public record Scenario(int initialVoters, int spareNodes, int clients, long faultyMillis, long calmMillis) {
        public static Scenario threeNodes() {
            return new Scenario(3, 0, 3, 6_000, 4_000);
        }

        public static Scenario fiveNodesWithMembershipChanges() {
            return new Scenario(3, 2, 4, 6_000, 4_000);
        }
    }

    /**
     * One client request as the client saw it. Times are event sequence numbers, not milliseconds: distinct
     * per event and in real-time order, so the linearizability check sees every ordering the run had.
     * {@code returnTime} is -1 while (or if forever) unanswered.
     */
    public static final class ClientCall {
        final int client;
        final long op;
        final boolean write;
        final String key;
        final String value;
        final long callTime;
        long returnTime = -1;
        String output;
        /** Definitely not executed (refused before it was appended); left out of the history. */
        boolean refused;

        ClientCall(int client, long op, boolean write, String key, String value, long callTime) {
            this.client = client;
            this.op = op;
            this.write = write;
            this.key = key;
            this.value = value;
            this.callTime = callTime;
        }

        public int client() {
            return client;
        }

        public boolean write() {
            return write;
        }

        public String key() {
            return key;
        }

        /** The value written, for a write. */
        public String value() {
            return value;
        }

        /** The value read (null for absent), for a completed read. */
        public String output() {
            return output;
        }

        public long callTime() {
            return callTime;
        }

        /** When the answer came, or -1 if it never did (the outcome is unknown). */
        public long returnTime() {
            return returnTime;
        }

        public boolean refused() {
            return refused;
        }

        @Override
        public String toString() {
            return "c" + client + (write ? " put " + key + "=" + value : " get " + key + " -> " + output)
                    + " [" + callTime + ", " + (returnTime < 0 ? "?" : returnTime) + "]";
        }
    }

    private static final int TICK_MS = 10;
    private static final int CLIENT_TIMEOUT_MS = 1_000;
    private static final int SNAPSHOT_EVERY = 40;
    private static final int KEEP_AFTER_SNAPSHOT = 8;
    private static final String[] KEYS = {"a", "b", "c"};

    private final long seed;
    private final Scenario scenario;
    private final Random random;
    private final EventQueue events = new EventQueue();
    private final Network network;
    private final TreeMap<Long, SimNode> nodes = new TreeMap<>();
    private final RaftConfig baseConfig;
    private final List<ClientCall> history = new ArrayList<>();
    private final ArrayDeque<String> trace = new ArrayDeque<>();
    private long nextOp = 1;
    private boolean faultsOn = true;
    /** Clients stop starting requests at this time, so the members can be compared at rest. */
    private long clientsStopAt = Long.MAX_VALUE;

    // Invariant registries, across the whole run.
    private final Map<Long, Long> leaderOfTerm = new HashMap<>();
    /** (index, term) of every persisted entry → its content hash and the term of the entry before it. */
    private final Map<Long, Map<Long, long[]>> persisted = new HashMap<>();
    /** index → (term, content hash) of every applied entry. */
    private final Map<Long, long[]> applied = new HashMap<>();

    public Simulation(long seed, Scenario scenario) {
        this.seed = seed;
        this.scenario = scenario;
        this.random = new Random(seed);
        this.network = new Network(events, new Random(seed ^ 0x5DEECE66DL), new Network.Endpoints() {
            @Override
            public void deliver(Message m) {
                SimNode to = nodes.get(m.getTo());
                if (to != null && to.up) {
                    input(to, raft -> raft.step(m));
                }
            }

            @Override
            public void snapshotStatus(long from, long to, boolean delivered) {
                SimNode sender = nodes.get(from);
                if (sender != null && sender.up) {
                    input(sender, raft -> raft.reportSnapshot(to, delivered));
                }
            }
        });
        this.baseConfig = new RaftConfig(1, 10, 1, 512 + random.nextInt(4096), 1 + random.nextInt(8),
                random.nextBoolean() ? 0 : 8_192, 4_096, true, true,
                dev.berth.store.raft.ReadOnlyOption.SAFE, 0);
    }

    /** Runs the scenario; throws AssertionError naming the seed on any violated invariant. */
    public List<ClientCall> run() {
        List<Long> voters = new ArrayList<>();
        for (long id = 1; id <= scenario.initialVoters(); id++) {
            voters.add(id);
        }
        for (long id = 1; id <= scenario.initialVoters() + scenario.spareNodes(); id++) {
            MemoryStorage disk = voters.contains(id) ? Bootstrap.memoryStorage(voters) : new MemoryStorage();
            SimNode node = new SimNode(id, disk);
            nodes.put(id, node);
            if (voters.contains(id)) {
                startNode(node);
            }
        }
        for (int c = 0; c < scenario.clients(); c++) {
            int client = c;
            events.after(random.nextInt(50), () -> clientStep(client));
        }
        events.after(200 + random.nextInt(300), this::fault);
        long faultyUntil = scenario.faultyMillis();
        while (events.runNext(faultyUntil)) {
            // Every event is checked inside.
        }
        calmDown();
        long end = faultyUntil + scenario.calmMillis();
        clientsStopAt = end - scenario.calmMillis() / 3;
        while (events.runNext(end)) {
            // Let the cluster settle with faults off.
        }
        checkSettled();
        return history;
    }

    public long seed() {
        return seed;
    }

    public Scenario scenario() {
        return scenario;
    }

    public long eventsRun() {
        return events.executed();
    }

    // ---- nodes --------------------------------------------------------------------------------------

    private void startNode(SimNode node) {
        node.start(configFor(node.id), seed);
        trace("start n" + node.id + " (incarnation " + node.incarnation + ", disk last " + node.disk.lastIndex() + ")");
        int incarnation = node.incarnation;
        events.after(random.nextInt(TICK_MS), () -> tickLoop(node, incarnation));
        afterInput(node);
    }

    private RaftConfig configFor(long id) {
        return baseConfig.withId(id);
    }

    private void tickLoop(SimNode node, int incarnation) {
        if (!node.up || node.incarnation != incarnation) {
            return;
        }
        input(node, RaftNode::tick);
        events.after(TICK_MS, () -> tickLoop(node, incarnation));
    }

    /** Feeds one input to a node, or queues it while the node is writing a batch. */
    private void input(SimNode node, Consumer<RaftNode> action) {
        if (node.writing != null) {
            node.inbox.add(() -> action.accept(node.raft));
            return;
        }
        action.accept(node.raft);
        afterInput(node);
    }

    private void afterInput(SimNode node) {
        checkNode(node);
        if (node.writing != null || !node.raft.hasReady()) {
            return;
        }
        Ready rd = node.raft.ready();
        node.writing = rd;
        for (Message m : rd.messages()) {
            if (Ready.canSendBeforePersist(m)) {
                network.send(m);
            }
        }
        int incarnation = node.incarnation;
        long diskLatency = rd.mustSync() ? 1 + random.nextInt(3) : 0;
        events.after(diskLatency, () -> persisted(node, incarnation, rd));
    }

    /** The batch is durable: send, apply, advance, then take the inputs that waited. */
    private void persisted(SimNode node, int incarnation, Ready rd) {
        if (!node.up || node.incarnation != incarnation) {
            return;
        }
        for (Message m : rd.messages()) {
            if (!Ready.canSendBeforePersist(m)) {
                network.send(m);
            }
        }
        if (rd.hasSnapshot()) {
            node.state.restore(rd.snapshot().getMetadata().getIndex(), rd.snapshot().getData());
            trace("n" + node.id + " restored snapshot at " + rd.snapshot().getMetadata().getIndex());
        }
        for (Entry e : rd.committedEntries()) {
            apply(node, e);
        }
        for (ReadState rs : rd.readStates()) {
            Simulation.ClientCall call = node.waitingReadIndex.remove(rs.context());
            if (call != null) {
                node.waitingApply.put(call, rs.index());
            }
        }
        answerReads(node);
        node.raft.advance(rd);
        recordPersisted(node, rd);
        node.writing = null;
        maybeSnapshot(node);
        checkNode(node);
        while (node.writing == null && !node.inbox.isEmpty()) {
            node.inbox.poll().run();
            afterInput(node);
        }
        if (node.writing == null) {
            afterInput(node);
        }
    }

    private void apply(SimNode node, Entry e) {
        if (e.getIndex() != node.state.appliedIndex + 1) {
            fail("n" + node.id + " applies index " + e.getIndex() + " after " + node.state.appliedIndex);
        }
        long[] mine = {e.getTerm(), contentHash(e)};
        long[] first = applied.putIfAbsent(e.getIndex(), mine);
        if (first != null && (first[0] != mine[0] || first[1] != mine[1])) {
            fail("state machine safety: n" + node.id + " applies term " + e.getTerm() + " at index " + e.getIndex()
                    + " where another member applied term " + first[0]);
        }
        if (e.getType() == EntryType.ENTRY_CONF_CHANGE) {
            ConfChange change = parseConfChange(e);
            node.raft.applyConfChange(change);
            trace("n" + node.id + " applied " + change.getType() + " " + change.getNodeId() + " at " + e.getIndex());
            node.state.appliedIndex = e.getIndex();
        } else if (e.getData().isEmpty()) {
            node.state.appliedIndex = e.getIndex();
        } else {
            KvStateMachine.Put put = KvStateMachine.Put.decode(e.getData());
            if (node.state.apply(e.getIndex(), put)) {
                ClientCall call = node.waitingWrites.remove(put.op());
                if (call != null) {
                    complete(call, null);
                }
            }
        }
        node.entriesSinceSnapshot++;
    }

    private static ConfChange parseConfChange(Entry e) {
        try {
            return ConfChange.parseFrom(e.getData());
        } catch (InvalidProtocolBufferException ex) {
            throw new AssertionError("unreadable configuration change at " + e.getIndex(), ex);
        }
    }

    private void answerReads(SimNode node) {
        node.waitingApply.entrySet().removeIf(w -> {
            if (node.state.appliedIndex >= w.getValue()) {
                complete(w.getKey(), node.state.get(w.getKey().key));
                return true;
            }
            return false;
        });
    }

    /** Snapshots the applied state now and then and compacts the log, so lagging members need snapshots. */
    private void maybeSnapshot(SimNode node) {
        long index = node.state.appliedIndex;
        if (node.entriesSinceSnapshot < SNAPSHOT_EVERY || index <= node.disk.snapshot().getMetadata().getIndex()
                || index > node.disk.lastIndex()) {
            return;
        }
        node.disk.createSnapshot(index, node.raft.confState(), node.state.snapshot());
        node.disk.compact(Math.max(index - KEEP_AFTER_SNAPSHOT, node.disk.firstIndex() - 1));
        node.entriesSinceSnapshot = 0;
    }

    // ---- invariants ---------------------------------------------------------------------------------

    private void checkNode(SimNode node) {
        if (!node.up) {
            return;
        }
        RaftStatus s = node.raft.status();
        if (s.role() == RoleKind.LEADER) {
            Long other = leaderOfTerm.putIfAbsent(s.term(), node.id);
            if (other == null) {
                trace("n" + node.id + " leads term " + s.term());
                checkLeaderCompleteness(node, s.term());
            } else if (other != node.id) {
                fail("election safety: n" + other + " and n" + node.id + " both lead term " + s.term());
            }
        }
        if (s.commit() < node.lastCommit) {
            fail("n" + node.id + " commit index went back from " + node.lastCommit + " to " + s.commit());
        }
        node.lastCommit = s.commit();
    }

    private void checkLeaderCompleteness(SimNode leader, long term) {
        long first = leader.disk.firstIndex();
        for (Map.Entry<Long, long[]> e : applied.entrySet()) {
            long index = e.getKey();
            if (index < first) {
                continue;
            }
            if (index > leader.disk.lastIndex()) {
                fail("leader completeness: n" + leader.id + " leads term " + term + " without committed entry " + index
                        + " (its log ends at " + leader.disk.lastIndex() + ")");
            }
            if (leader.disk.term(index) != e.getValue()[0]) {
                fail("leader completeness: n" + leader.id + " leads term " + term + " with term " + leader.disk.term(index)
                        + " at committed index " + index + " (committed term " + e.getValue()[0] + ")");
            }
        }
    }

    /** Log matching, checked per persisted entry: (index, term) always has the same content and predecessor. */
    private void recordPersisted(SimNode node, Ready rd) {
        for (Entry e : rd.entries()) {
            long prevTerm;
            try {
                prevTerm = e.getIndex() == 1 ? 0 : node.disk.term(e.getIndex() - 1);
            } catch (RuntimeException compacted) {
                continue;
            }
            long[] mine = {contentHash(e), prevTerm};
            long[] first = persisted.computeIfAbsent(e.getIndex(), i -> new HashMap<>()).putIfAbsent(e.getTerm(), mine);
            if (first != null && (first[0] != mine[0] || first[1] != mine[1])) {
                fail("log matching: n" + node.id + " persisted (" + e.getIndex() + ", term " + e.getTerm()
                        + ") with different content or predecessor term (" + prevTerm + " vs " + first[1] + ")");
            }
        }
    }

    private static long contentHash(Entry e) {
        return e.getType().getNumber() * 31L + e.getData().hashCode();
    }

    // ---- clients ------------------------------------------------------------------------------------

    private void clientStep(int client) {
        if (events.now() >= clientsStopAt) {
            return;
        }
        List<SimNode> live = nodes.values().stream().filter(n -> n.up).toList();
        if (live.isEmpty()) {
            events.after(20, () -> clientStep(client));
            return;
        }
        SimNode target = live.get(random.nextInt(live.size()));
        String key = KEYS[random.nextInt(KEYS.length)];
        boolean write = random.nextInt(10) < 6;
        long op = nextOp++;
        ClientCall call = new ClientCall(client, op, write, key, write ? "v" + op : null, events.executed());
        history.add(call);
        int incarnation = target.incarnation;
        input(target, raft -> {
            try {
                if (write) {
                    target.waitingWrites.put(op, call);
                    raft.propose(new KvStateMachine.Put(client, op, key, call.value).encode());
                } else {
                    ByteString context = ByteString.copyFromUtf8("r" + op);
                    target.waitingReadIndex.put(context, call);
                    raft.readIndex(context);
                }
            } catch (ProposalDroppedException dropped) {
                target.waitingWrites.remove(op);
                call.refused = true;
            }
        });
        events.after(CLIENT_TIMEOUT_MS, () -> {
            if (call.returnTime < 0 && !call.refused && target.incarnation == incarnation && target.up) {
                target.waitingWrites.remove(op);
                target.waitingReadIndex.values().remove(call);
                target.waitingApply.remove(call);
            }
            if (call.returnTime < 0 || call.refused) {
                events.after(random.nextInt(20), () -> clientStep(client));
            }
        });
    }

    private void complete(ClientCall call, String output) {
        if (call.returnTime >= 0 || call.refused) {
            return;
        }
        call.returnTime = events.executed();
        call.output = output;
        events.after(random.nextInt(20), () -> clientStep(call.client));
    }

    // ---- faults -------------------------------------------------------------------------------------

    private void fault() {
        if (!faultsOn) {
            return;
        }
        int kind = random.nextInt(100);
        List<SimNode> upNodes = nodes.values().stream().filter(n -> n.up).toList();
        List<SimNode> members = nodes.values().stream().filter(n -> n.incarnation > 0).toList();
        if (kind < 20 && !upNodes.isEmpty()) {
            SimNode victim = upNodes.get(random.nextInt(upNodes.size()));
            crash(victim);
            events.after(100 + random.nextInt(1_500), () -> restart(victim));
        } else if (kind < 35) {
            SimNode isolated = members.get(random.nextInt(members.size()));
            Set<Long> others = new TreeSet<>(nodes.keySet());
            others.remove(isolated.id);
            network.isolate(isolated.id, others);
            trace("isolate n" + isolated.id);
            events.after(200 + random.nextInt(1_500), this::heal);
        } else if (kind < 45) {
            long from = 1 + random.nextInt(nodes.size());
            long to = 1 + random.nextInt(nodes.size());
            if (from != to) {
                network.cutOneWay(from, to);
                trace("cut n" + from + " -> n" + to);
                events.after(200 + random.nextInt(1_500), this::heal);
            }
        } else if (kind < 60) {
            network.conditions.dropRate = random.nextInt(4) * 0.05;
            network.conditions.duplicateRate = random.nextInt(3) * 0.05;
            network.conditions.maxLatencyMs = 2 + random.nextInt(30);
            trace("network drop=" + network.conditions.dropRate + " dup=" + network.conditions.duplicateRate
                    + " latency<=" + network.conditions.maxLatencyMs);
        } else if (kind < 70) {
            leaderOf(upNodes).ifPresent(leader -> {
                List<Long> voters = leader.raft.confState().getVotersList();
                long transferee = voters.get(random.nextInt(voters.size()));
                trace("transfer leadership n" + leader.id + " -> n" + transferee);
                input(leader, raft -> raft.transferLeadership(transferee));
            });
        } else if (kind < 85 && scenario.spareNodes() > 0) {
            changeMembership(upNodes);
        }
        events.after(100 + random.nextInt(400), this::fault);
    }

    /**
     * Adds a spare as learner, promotes a learner, or removes a voter (keeping at least three). The leader
     * itself refuses a change while another is pending.
     */
    private void changeMembership(List<SimNode> upNodes) {
        leaderOf(upNodes).ifPresent(leader -> {
            var conf = leader.raft.confState();
            ConfChange change;
            List<Long> outsiders = nodes.keySet().stream()
                    .filter(id -> !conf.getVotersList().contains(id) && !conf.getLearnersList().contains(id)).toList();
            if (!conf.getLearnersList().isEmpty()) {
                change = ConfChange.newBuilder().setType(ConfChangeType.CONF_ADD_VOTER)
                        .setNodeId(conf.getLearners(random.nextInt(conf.getLearnersCount()))).build();
            } else if (!outsiders.isEmpty() && (conf.getVotersCount() <= 3 || random.nextBoolean())) {
                long id = outsiders.get(random.nextInt(outsiders.size()));
                change = ConfChange.newBuilder().setType(ConfChangeType.CONF_ADD_LEARNER).setNodeId(id).build();
                SimNode joiner = nodes.get(id);
                if (!joiner.up) {
                    // A member that joins (or re-joins after removal) starts from an empty disk, as etcd requires.
                    SimNode fresh = new SimNode(id, new MemoryStorage());
                    fresh.incarnation = joiner.incarnation;
                    nodes.put(id, fresh);
                    startNode(fresh);
                }
            } else if (conf.getVotersCount() > 3) {
                List<Long> removable = conf.getVotersList().stream().filter(v -> v != leader.id).toList();
                change = ConfChange.newBuilder().setType(ConfChangeType.CONF_REMOVE_NODE)
                        .setNodeId(removable.get(random.nextInt(removable.size()))).build();
            } else {
                return;
            }
            trace("propose " + change.getType() + " " + change.getNodeId() + " at n" + leader.id);
            input(leader, raft -> {
                try {
                    raft.proposeConfChange(change);
                } catch (ProposalDroppedException refused) {
                    trace("refused: " + refused.getMessage());
                }
            });
            if (change.getType() == ConfChangeType.CONF_REMOVE_NODE) {
                events.after(2_000, () -> stopIfRemoved(change.getNodeId()));
            }
        });
    }

    /** A removed member is shut down once its removal is applied by the others, as an operator would. */
    private void stopIfRemoved(long id) {
        SimNode node = nodes.get(id);
        boolean removed = nodes.values().stream().filter(n -> n.up && n.id != id)
                .anyMatch(n -> n.raft.status().role() == RoleKind.LEADER
                        && !n.raft.confState().getVotersList().contains(id) && !n.raft.confState().getLearnersList().contains(id));
        if (removed && node.up) {
            trace("stop removed n" + id);
            crash(node);
            node.incarnation++;
        }
    }

    private java.util.Optional<SimNode> leaderOf(List<SimNode> upNodes) {
        return upNodes.stream().filter(n -> n.raft.status().role() == RoleKind.LEADER)
                .max((a, b) -> Long.compare(a.raft.status().term(), b.raft.status().term()));
    }

    private void crash(SimNode node) {
        if (!node.up) {
            return;
        }
        Ready torn = node.writing;
        if (torn != null && !torn.hasSnapshot() && !torn.entries().isEmpty() && random.nextBoolean()) {
            // A crash mid-write: a prefix of the batch reached the disk, nothing after it (the WAL truncates a torn tail).
            int kept = random.nextInt(torn.entries().size() + 1);
            node.disk.append(torn.entries().subList(0, kept));
            trace("crash n" + node.id + " keeping " + kept + " of " + torn.entries().size() + " unsynced entries");
        } else {
            trace("crash n" + node.id + (torn != null ? " losing an unsynced batch" : ""));
        }
        node.crash();
    }

    private void restart(SimNode node) {
        if (node.up || nodes.get(node.id) != node || isRemoved(node.id)) {
            return;
        }
        startNode(node);
    }

    private boolean isRemoved(long id) {
        SimNode node = nodes.get(id);
        return node.incarnation > 0 && !node.up && nodes.values().stream().filter(n -> n.up)
                .anyMatch(n -> n.raft.status().role() == RoleKind.LEADER
                        && !n.raft.confState().getVotersList().contains(id) && !n.raft.confState().getLearnersList().contains(id));
    }

    private void heal() {
        network.heal();
        trace("heal");
    }

    private void calmDown() {
        faultsOn = false;
        network.heal();
        network.conditions.dropRate = 0;
        network.conditions.duplicateRate = 0;
        network.conditions.maxLatencyMs = 10;
        trace("calm: faults off");
        for (SimNode node : nodes.values()) {
            if (!node.up && node.incarnation > 0 && !isRemoved(node.id)) {
                startNode(node);
            }
        }
    }

    /** Liveness once faults stop: one leader that all live members follow, and every member caught up. */
    private void checkSettled() {
        List<SimNode> live = nodes.values().stream().filter(n -> n.up).toList();
        SimNode leader = leaderOf(live).orElseThrow(() -> failure("no leader " + scenario.calmMillis()
                + " ms after faults stopped: " + describe()));
        var conf = leader.raft.confState();
        for (SimNode n : live) {
            boolean member = conf.getVotersList().contains(n.id) || conf.getLearnersList().contains(n.id);
            if (!member) {
                continue;
            }
            if (n.raft.status().leader() != leader.id) {
                fail("n" + n.id + " follows " + n.raft.status().leader() + ", not leader n" + leader.id + ": " + describe());
            }
            if (n.state.appliedIndex != leader.state.appliedIndex) {
                fail("n" + n.id + " applied " + n.state.appliedIndex + " but the leader applied " + leader.state.appliedIndex
                        + " after the cluster settled: " + describe());
            }
            for (String key : KEYS) {
                if (!java.util.Objects.equals(n.state.get(key), leader.state.get(key))) {
                    fail("n" + n.id + " has " + key + "=" + n.state.get(key) + " but the leader has " + leader.state.get(key));
                }
            }
        }
        boolean anyWrite = history.stream().anyMatch(c -> c.write && c.returnTime >= 0);
        if (!anyWrite) {
            fail("no client write completed in the whole run: " + describe());
        }
    }

    private String describe() {
        StringBuilder b = new StringBuilder();
        for (SimNode n : nodes.values()) {
            b.append("\n  n").append(n.id).append(n.up ? " " + n.raft.status() : " down");
        }
        b.append("\n  cuts ").append(network.describeCuts());
        return b.toString();
    }

    // ---- reporting ----------------------------------------------------------------------------------

    private void trace(String line) {
        trace.addLast(events.now() + "ms " + line);
        if (trace.size() > 60) {
            trace.removeFirst();
        }
    }

    private void fail(String what) {
        throw failure(what);
    }

    private AssertionError failure(String what) {
        return new AssertionError("seed " + seed + " (" + scenario + "), " + events.now() + " ms, event "
                + events.executed() + ": " + what + "\nrecent events:\n  " + String.join("\n  ", trace)
                + "\nreplay: " + RaftEventSimulationTest.replayCommand(seed, scenario));
    }
}
