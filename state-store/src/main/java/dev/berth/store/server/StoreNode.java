package dev.berth.store.server;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.berth.store.raft.MemoryStorage;
import dev.berth.store.raft.ProposalDroppedException;
import dev.berth.store.raft.RaftNode;
import dev.berth.store.raft.RaftStatus;
import dev.berth.store.raft.ReadState;
import dev.berth.store.raft.Ready;
import dev.berth.store.raft.pb.ConfChange;
import dev.berth.store.raft.pb.ConfChangeType;
import dev.berth.store.raft.pb.Entry;
import dev.berth.store.raft.pb.EntryType;
import dev.berth.store.raft.pb.Message;
import dev.berth.store.raft.pb.MessageType;
import dev.berth.store.raft.pb.Snapshot;
import dev.berth.store.server.pb.Command;
import dev.berth.store.server.pb.Member;
import dev.berth.store.server.pb.MemberChange;
import dev.berth.store.server.pb.StoreSnapshot;
import dev.berth.store.transport.PeerTransport;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One store member: the Raft core, its durable log, the peer transport and the state machine, driven by
 * a single thread the way etcd's raft node is. The thread takes every input queued since its last turn
 * (peer messages, proposals, reads, ticks), then handles one Ready: send the leader's appends, persist with one
 * fsync while the {@link ApplyThread} applies the entries committed earlier, send the rest, apply the entries this
 * batch committed, advance. Inputs that arrive during the fsync wait for the next turn and share its fsync — group
 * commit without a timer.
 *
 * <p>Futures returned here complete on the member's Raft or apply thread; callers that continue on an event loop
 * must hop back to it.
 */
public final class StoreNode implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StoreNode.class);
    /** Entries kept after a snapshot, so a follower a little behind gets entries instead of a snapshot. */
    private static final long CATCH_UP_ENTRIES = 5_000;
    private static final int MAX_PENDING_REQUESTS = 50_000;

    private final StoreNodeConfig config;
    private final long id;
    private final StateMachine stateMachine;
    private final DurableLog log;
    private final SnapshotTaker snapshots;
    private final ApplyThread applyThread;
    private final RaftNode raft;
    private final PeerTransport transport;
    private final MemberTable members = new MemberTable();
    /** Highest request id applied per proposer; part of the replicated state (snapshots carry it). */
    private final AtMostOnce appliedRequests = new AtMostOnce();
    private final PendingRequests pending;
    private final ReadBarrier reads = new ReadBarrier();
    private final LinkedBlockingQueue<Consumer<RaftNode>> inputs = new LinkedBlockingQueue<>();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile RaftStatus status;
    private volatile StoreException stoppedBy;
    private long applied;
    private final long recoveredIndex;
    private long lastSnapshotIndex;
    private long ticks;
    private long lastLeader = RaftNode.NONE;

    private StoreNode(StoreNodeConfig config, StateMachine stateMachine, DurableLog log, Vertx vertx) {
        this.config = config;
        this.id = config.memberId();
        this.stateMachine = stateMachine;
        this.log = log;
        this.snapshots = new SnapshotTaker(config.name(), log, CATCH_UP_ENTRIES, task -> submit(r -> task.run()));
        this.pending = new PendingRequests(config.requestTimeout());
        this.applyThread = new ApplyThread(config.name());
        MemoryStorage storage = log.storage();
        long snapshotIndex = storage.snapshotMetadata().getIndex();
        // Entries are applied once durable, possibly before the hard state recording their commit is: the state
        // machine may be ahead of the WAL's commit index but never past its last entry, which Raft commits again.
        long recovered = Math.min(stateMachine.recoveredIndex(), storage.lastIndex());
        Optional<Snapshot> restored = log.takeRestoredSnapshot();
        restored.ifPresent(this::restoreMembers);
        if (recovered < snapshotIndex) {
            restored.ifPresent(this::restoreState);
        }
        // Raft hands out every entry after the snapshot again (membership changes must be re-applied to it);
        // the state machine's own recovered prefix is skipped, as etcd skips by its consistent index.
        this.recoveredIndex = recovered;
        this.applied = snapshotIndex;
        this.lastSnapshotIndex = snapshotIndex;
        this.raft = new RaftNode(config.raftConfig().withApplied(snapshotIndex), storage, new SplittableRandom());
        this.status = raft.status();
        this.transport = new PeerTransport(vertx, config.transportOptions(),
                message -> submit(r -> r.step(message)),
                peer -> submit(r -> r.reportUnreachable(peer)));
        updatePeers();
        this.thread = new Thread(this::run, "berth-raft-" + config.name());
    }

    /**
     * Opens (or creates) the member in {@code config.dataDir()}, starts listening for peers, and starts its
     * thread. Committed entries after the last snapshot are re-applied to {@code stateMachine} as Raft
     * hands them out again.
     */
    public static StoreNode start(StoreNodeConfig config, StateMachine stateMachine, Vertx vertx) throws IOException {
        DurableLog log = DurableLog.open(config, initialMembers(config));
        StoreNode node = new StoreNode(config, stateMachine, log, vertx);
        try {
            node.transport.start().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            log.close();
            throw new IOException("store member " + config.name() + " cannot listen for peers on " + config.peerUrl()
                    + ": " + e.getMessage(), e);
        }
        node.thread.start();
        LOG.info("store member started name={} id={} peers={} dataDir={} restarted={}", config.name(),
                Long.toHexString(node.id), config.peerUrl(), config.dataDir(), !log.fresh());
        return node;
    }

    private static SortedMap<Long, ByteString> initialMembers(StoreNodeConfig config) {
        SortedMap<Long, ByteString> contexts = new TreeMap<>();
        for (Map.Entry<String, URI> e : config.initialCluster().entrySet()) {
            long memberId = config.memberId(e.getKey());
            Member member = Member.newBuilder().setId(memberId).setName(e.getKey())
                    .addPeerUrls(e.getValue().toString()).build();
            contexts.put(memberId, MemberChange.newBuilder().setMember(member).build().toByteString());
        }
        return contexts;
    }

    // ---- client API (any thread) --------------------------------------------------------------------

    /** Replicates {@code payload}; completes with the state machine's answer once applied on this member. */
    public CompletableFuture<Object> propose(ByteString payload) {
        if (pending.size() >= MAX_PENDING_REQUESTS) {
            return CompletableFuture.failedFuture(new StoreException.Unavailable(
                    "too many requests in flight (" + MAX_PENDING_REQUESTS + "); retry later", null));
        }
        return proposeTracked(requestId -> r -> r.propose(
                Command.newBuilder().setRequestId(requestId).setProposer(id).setPayload(payload).build().toByteString()));
    }

    /**
     * Registers a request and runs the proposal {@code build} makes for its id on the member thread; a
     * proposal Raft refuses fails the request at once.
     */
    private CompletableFuture<Object> proposeTracked(LongFunction<Consumer<RaftNode>> build) {
        if (!running) {
            return CompletableFuture.failedFuture(new StoreException.Stopped("store member " + config.name() + " is not running", stoppedBy));
        }
        CompletableFuture<Object> result = new CompletableFuture<>();
        submit(r -> {
            // Ids are taken on the member thread, so this member's requests enter the log in id order and
            // "apply only ids above the last applied" drops nothing but duplicates and abandoned requests.
            long requestId = pending.nextId();
            pending.register(requestId, result);
            try {
                build.apply(requestId).accept(r);
            } catch (ProposalDroppedException dropped) {
                pending.fail(requestId, new StoreException.Unavailable(dropped.getMessage(), dropped));
            }
        });
        return result;
    }

    /**
     * Announces this member's name and client URLs to the cluster (etcd publishes them after start, so
     * MemberList shows where to reach each member). Completes with the member list once applied.
     */
    @SuppressWarnings("unchecked")
    public CompletableFuture<List<Member>> publish(List<String> clientUrls) {
        Member attributes = Member.newBuilder().setId(id).setName(config.name()).addAllClientUrls(clientUrls).build();
        return proposeTracked(requestId -> r -> r.propose(Command.newBuilder().setRequestId(requestId).setProposer(id)
                .setAttributes(attributes).build().toByteString()))
                .thenApply(list -> (List<Member>) list);
    }

    /**
     * Completes once this member has applied everything committed before the call (a linearizable read
     * point confirmed by the leader); read the state machine after that.
     */
    public CompletableFuture<Long> readBarrier() {
        CompletableFuture<Long> read = new CompletableFuture<>();
        submit(r -> reads.add(read));
        return read.orTimeout(config.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Adds a member (as a learner or voter); completes with the member list once the change is applied. */
    public CompletableFuture<List<Member>> addMember(String name, List<String> peerUrls, boolean learner) {
        long memberId = MemberIds.of(peerUrls, config.clusterToken());
        Member member = Member.newBuilder().setId(memberId).setName(name).addAllPeerUrls(peerUrls).setIsLearner(learner).build();
        return changeMembership(learner ? ConfChangeType.CONF_ADD_LEARNER : ConfChangeType.CONF_ADD_VOTER, member);
    }

    public CompletableFuture<List<Member>> promoteMember(long memberId) {
        Member member = members.get(memberId).orElseThrow(() -> new IllegalArgumentException("no member " + Long.toHexString(memberId)));
        return changeMembership(ConfChangeType.CONF_ADD_VOTER, member);
    }

    public CompletableFuture<List<Member>> removeMember(long memberId) {
        Member member = members.get(memberId).orElseThrow(() -> new IllegalArgumentException("no member " + Long.toHexString(memberId)));
        return changeMembership(ConfChangeType.CONF_REMOVE_NODE, member);
    }

    @SuppressWarnings("unchecked")
    private CompletableFuture<List<Member>> changeMembership(ConfChangeType type, Member member) {
        return proposeTracked(requestId -> r -> r.proposeConfChange(ConfChange.newBuilder().setType(type).setNodeId(member.getId())
                .setContext(MemberChange.newBuilder().setRequestId(requestId).setProposer(id).setMember(member).build().toByteString())
                .build()))
                .thenApply(list -> (List<Member>) list);
    }

    public void transferLeadership(long transferee) {
        submit(r -> {
            try {
                r.transferLeadership(transferee);
            } catch (ProposalDroppedException dropped) {
                LOG.info("leadership transfer to {} not started: {}", Long.toHexString(transferee), dropped.getMessage());
            }
        });
    }

    public long id() {
        return id;
    }

    public String name() {
        return config.name();
    }

    /** The Raft view as of the member thread's last turn. */
    public RaftStatus status() {
        return status;
    }

    public List<Member> members() {
        return members.list();
    }

    public boolean isRunning() {
        return running && thread.isAlive();
    }

    private void submit(Consumer<RaftNode> input) {
        if (running) {
            inputs.add(input);
        }
    }

    // ---- the member thread --------------------------------------------------------------------------

    private void run() {
        long tickNanos = config.tickInterval().toNanos();
        long nextTick = System.nanoTime() + tickNanos;
        try {
            while (running) {
                long wait = nextTick - System.nanoTime();
                // Wait for input only when there is no work left: advance() itself can make more (a leader
                // commits once its own write is durable).
                boolean idle = wait > 0 && !raft.hasReady();
                Consumer<RaftNode> input = idle ? inputs.poll(wait, TimeUnit.NANOSECONDS) : inputs.poll();
                while (input != null) {
                    input.accept(raft);
                    input = inputs.poll();
                }
                long now = System.nanoTime();
                if (now >= nextTick) {
                    raft.tick();
                    ticks++;
                    nextTick = now - nextTick > 2 * tickNanos ? now + tickNanos : nextTick + tickNanos;
                    reads.expire(ticks, 2L * config.electionTicks());
                }
                reads.flush(raft::readIndex, ticks);
                if (raft.hasReady()) {
                    handle(raft.ready());
                    // An answered ReadIndex lets the reads that waited behind it go now, not after the next input.
                    reads.flush(raft::readIndex, ticks);
                }
                status = raft.status();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException e) {
            LOG.error("store member {} stopped: {}. Its data dir {} is intact up to the last fsync; restart it to recover.",
                    config.name(), e.toString(), config.dataDir(), e);
            stoppedBy = new StoreException.Stopped("store member " + config.name() + " stopped after a fault: " + e, e);
        } finally {
            running = false;
            StoreException cause = stoppedBy != null ? stoppedBy : new StoreException.Stopped("store member " + config.name() + " is shutting down", null);
            pending.failAll(cause);
            reads.failAll(cause);
        }
    }

    private void handle(Ready rd) throws IOException, InterruptedException {
        if (rd.hasSnapshot()) {
            // The leader's snapshot replaces the state and the snapshot files: our own must stop reading and writing them.
            snapshots.abandon();
        }
        for (Message m : rd.messages()) {
            if (Ready.canSendBeforePersist(m)) {
                send(m);
            }
        }
        // Committed entries this member already holds on disk are applied, and their clients answered, while
        // this batch's fsync is in progress, on the apply thread: waiting for the fsync would add it to every
        // write's latency, and applying first would add the apply to every fsync's (etcd's raft loop overlaps them
        // the same way). Entries that arrive in this very batch wait for it.
        List<Entry> committed = rd.committedEntries();
        int durable = rd.hasSnapshot() ? 0 : durablePrefix(committed, rd.entries());
        List<Entry> alreadyDurable = committed.subList(0, durable);
        Future<?> applying = null;
        if (rd.mustSync() && canApplyOffThread(alreadyDurable)) {
            applying = applyThread.start(() -> alreadyDurable.forEach(this::apply));
        } else {
            alreadyDurable.forEach(this::apply);
        }
        try {
            log.persist(rd);
            for (Message m : rd.messages()) {
                if (!Ready.canSendBeforePersist(m)) {
                    send(m);
                }
            }
        } finally {
            if (applying != null) {
                applyThread.await(applying);
            }
        }
        if (rd.hasSnapshot()) {
            restoreState(rd.snapshot());
            updatePeers();
            applied = rd.snapshot().getMetadata().getIndex();
            lastSnapshotIndex = applied;
        }
        for (Entry e : committed.subList(durable, committed.size())) {
            apply(e);
        }
        for (ReadState rs : rd.readStates()) {
            reads.onReadState(rs, applied);
        }
        reads.onApplied(applied);
        raft.advance(rd);
        if (rd.softState() != null && rd.softState().leader() != lastLeader) {
            lastLeader = rd.softState().leader();
            LOG.info("store member {} sees leader {} (role {})", config.name(),
                    lastLeader == RaftNode.NONE ? "none" : Long.toHexString(lastLeader), rd.softState().role());
        }
        if (applied - lastSnapshotIndex >= snapshots.spacing(config.snapshotCount())) {
            takeSnapshot();
        }
    }

    /**
     * Whether {@code entries} may be applied on the apply thread: not when empty (nothing to overlap), and not
     * when one changes the membership, which steps the Raft core and the transport that only the member thread
     * touches.
     */
    private static boolean canApplyOffThread(List<Entry> entries) {
        return !entries.isEmpty() && entries.stream().noneMatch(e -> e.getType() == EntryType.ENTRY_CONF_CHANGE);
    }

    /** How many of {@code committed} lie before the first of the batch's new entries, so are in the WAL already. */
    private static int durablePrefix(List<Entry> committed, List<Entry> newEntries) {
        long firstNew = newEntries.isEmpty() ? Long.MAX_VALUE : newEntries.get(0).getIndex();
        int n = 0;
        while (n < committed.size() && committed.get(n).getIndex() < firstNew) {
            n++;
        }
        return n;
    }

    /**
     * Sends {@code m}; a snapshot goes as a stream, and the leader learns when it has been written, or that it was
     * not, so it neither probes a follower that is still receiving one nor waits forever for one that was lost.
     */
    private void send(Message m) {
        if (m.getType() != MessageType.MSG_SNAPSHOT) {
            transport.send(m);
            return;
        }
        long to = m.getTo();
        long index = m.getSnapshot().getMetadata().getIndex();
        transport.sendSnapshot(m).onComplete(sent -> {
            if (sent.failed()) {
                LOG.warn("store member {}: {}; it is sent again once member {} answers", config.name(),
                        sent.cause().getMessage(), Long.toHexString(to));
            } else {
                LOG.info("store member {} sent its snapshot at index {} to member {}", config.name(), index,
                        Long.toHexString(to));
            }
            submit(r -> r.reportSnapshot(to, sent.succeeded()));
        });
    }

    private void apply(Entry e) {
        if (e.getType() == EntryType.ENTRY_CONF_CHANGE) {
            applyMembershipChange(e);
        } else if (!e.getData().isEmpty()) {
            applyCommand(e);
        }
        applied = e.getIndex();
    }

    private void applyCommand(Entry e) {
        Command command = parse(describe(e), e.getData(), Command::parseFrom);
        if (!appliedRequests.admit(command.getProposer(), command.getRequestId())) {
            // A duplicate, or a request its proposer already saw overtaken (its client timed out): applying
            // at most once keeps writes exactly-once for clients that got an answer.
            return;
        }
        if (command.hasAttributes()) {
            members.publish(command.getAttributes());
            if (command.getProposer() == id) {
                pending.complete(command.getRequestId(), members.list());
            }
            return;
        }
        if (e.getIndex() > recoveredIndex) {
            Object result;
            try {
                result = stateMachine.apply(e.getIndex(), command.getPayload());
            } catch (RejectedCommandException rejected) {
                result = rejected;
            }
            if (command.getProposer() == id) {
                if (result instanceof RuntimeException rejected) {
                    pending.fail(command.getRequestId(), rejected);
                } else {
                    pending.complete(command.getRequestId(), result);
                }
            }
        }
    }

    private void applyMembershipChange(Entry e) {
        ConfChange change = parse(describe(e), e.getData(), ConfChange::parseFrom);
        MemberChange context = parse(describe(e), change.getContext(), MemberChange::parseFrom);
        raft.applyConfChange(change);
        members.apply(change, context.getMember());
        updatePeers();
        LOG.info("store member {} applied {} {} at index {}", config.name(), change.getType(),
                Long.toHexString(change.getNodeId()), e.getIndex());
        if (context.getProposer() == id) {
            pending.complete(context.getRequestId(), members.list());
        }
        if (change.getType() == ConfChangeType.CONF_REMOVE_NODE && change.getNodeId() == id) {
            LOG.warn("store member {} was removed from the cluster; it stops. Remove its data dir {} before it joins again.",
                    config.name(), config.dataDir());
            running = false;
        }
    }

    private void updatePeers() {
        for (Member m : members.list()) {
            if (m.getId() != id && m.getPeerUrlsCount() > 0) {
                URI url = URI.create(m.getPeerUrls(0));
                transport.addPeer(m.getId(), url.getHost(), url.getPort(), "https".equals(url.getScheme()));
            }
        }
    }

    private void restoreState(Snapshot snapshot) {
        restoreMembers(snapshot);
        stateMachine.restore(snapshot.getMetadata().getIndex(), snapshotData(snapshot).getState());
    }

    /** What the member itself keeps in a snapshot besides the state machine: members and request ids. */
    private void restoreMembers(Snapshot snapshot) {
        StoreSnapshot data = snapshotData(snapshot);
        members.replaceAll(data.getMembersList());
        appliedRequests.replaceWith(data.getAppliedRequestIdsMap());
    }

    private static StoreSnapshot snapshotData(Snapshot snapshot) {
        return parse("snapshot at index " + snapshot.getMetadata().getIndex(), snapshot.getData(), StoreSnapshot::parseFrom);
    }

    /** Counts from the attempt, so a snapshot that fails is retried after as many entries again, not at once. */
    private void takeSnapshot() {
        if (snapshots.start(applied, raft.confState(), stateMachine, members, appliedRequests.watermarks())) {
            lastSnapshotIndex = applied;
        }
    }

    /** A parser of one protobuf type from bytes. */
    @FunctionalInterface
    private interface Parser<T> {
        T parse(ByteString data) throws InvalidProtocolBufferException;
    }

    private static <T> T parse(String what, ByteString data, Parser<T> parser) {
        try {
            return parser.parse(data);
        } catch (InvalidProtocolBufferException bad) {
            throw new IllegalStateException(what + " is unreadable: " + bad.getMessage()
                    + "; it was written by an incompatible version or is damaged", bad);
        }
    }

    private static String describe(Entry e) {
        return "log entry " + e.getIndex() + " (term " + e.getTerm() + ")";
    }

    @Override
    public void close() {
        running = false;
        // Wake the thread without interrupting it: an interrupt during an fsync would close the WAL's channel.
        inputs.add(r -> { });
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        applyThread.close();
        snapshots.close();
        transport.close();
        try {
            log.close();
        } catch (IOException e) {
            LOG.warn("store member {}: closing the WAL failed: {}", config.name(), e.toString());
        }
    }
}
