package dev.berth.store.raft;

import com.google.protobuf.ByteString;
import dev.berth.store.raft.pb.ConfChange;
import dev.berth.store.raft.pb.ConfState;
import dev.berth.store.raft.pb.Entry;
import dev.berth.store.raft.pb.EntryType;
import dev.berth.store.raft.pb.HardState;
import dev.berth.store.raft.pb.Message;
import dev.berth.store.raft.pb.MessageType;
import dev.berth.store.raft.pb.Snapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * One Raft node as a pure state machine: inputs are {@link #tick()}, {@link #step(Message)} and the
 * client calls; outputs come out of {@link #ready()}. Not thread-safe: the owner calls it from one thread
 * and never steps it between {@code ready()} and {@code advance()}.
 *
 * <p>The rules are the Raft paper's and etcd's: terms and votes are persisted before any message that
 * depends on them leaves (see {@link Ready}); a leader counts its own log toward a quorum only once it
 * is persisted; commit advances only by counting replicas of a current-term entry.
 */
public final class RaftNode {
    /** The id meaning "nobody" in votes, leaders and message addresses. */
    public static final long NONE = 0;
    /** Marks vote requests of a leadership transfer, which followers grant even inside a leader lease. */
    static final ByteString TRANSFER_CONTEXT = ByteString.copyFromUtf8("transfer");

    final RaftConfig config;
    final long id;
    final RaftLog log;
    private final RandomGenerator random;
    long term;
    long vote;
    long leader;
    Membership membership;
    private ConfState confState;
    Role role;
    int electionElapsed;
    int heartbeatElapsed;
    private int randomizedElectionTimeout;
    private final List<Message> outbox = new ArrayList<>();
    /**
     * The normal entries proposed on this follower since the last Ready, forwarded to the leader as one message (of
     * up to maxSizePerMessage) when the Ready is built: with many clients on a follower, one message per Ready
     * instead of one per write.
     */
    private Message.Builder forwarded;
    private long forwardedBytes;
    private final List<ReadState> readStates = new ArrayList<>();
    private SoftState lastSoftState;
    private HardState lastHardState;

    /**
     * A node over {@code storage}, which holds what was persisted before (empty for a new node, whose
     * initial configuration is the storage's {@link RaftStorage#confState()}).
     */
    public RaftNode(RaftConfig config, RaftStorage storage, RandomGenerator random) {
        this.config = config;
        this.id = config.id();
        this.random = random;
        this.log = new RaftLog(storage);
        setMembership(Membership.of(storage.confState()));
        HardState hs = storage.hardState();
        if (!hs.equals(HardState.getDefaultInstance())) {
            if (hs.getCommit() < log.committed() || hs.getCommit() > log.lastIndex()) {
                throw new IllegalStateException("node " + id + ": persisted commit " + hs.getCommit()
                        + " is outside the log [" + log.committed() + ", " + log.lastIndex() + "]");
            }
            log.commitTo(hs.getCommit());
            this.term = hs.getTerm();
            this.vote = hs.getVote();
        }
        if (config.applied() > log.applied()) {
            log.appliedTo(config.applied());
        }
        becomeFollower(term, NONE);
        this.lastSoftState = softState();
        this.lastHardState = hardState();
    }

    // ---- inputs -------------------------------------------------------------------------------------

    /** Advances the logical clock by one tick. */
    public void tick() {
        role.tick();
    }

    /** Handles a message from a peer. Messages for an older term are answered or dropped as Raft says. */
    public void step(Message m) {
        MessageType type = m.getType();
        if (m.getTerm() > term) {
            if (isVoteRequest(type)) {
                boolean force = m.getContext().equals(TRANSFER_CONTEXT);
                boolean inLease = config.checkQuorum() && leader != NONE && electionElapsed < config.electionTick();
                if (!force && inLease) {
                    return;
                }
            }
            if (type == MessageType.MSG_PRE_VOTE
                    || (type == MessageType.MSG_PRE_VOTE_RESPONSE && !m.getReject())) {
                // A pre-vote never changes a term; a candidate bumps its own once the pre-vote is won.
            } else if (type == MessageType.MSG_APPEND || type == MessageType.MSG_HEARTBEAT
                    || type == MessageType.MSG_SNAPSHOT) {
                becomeFollower(m.getTerm(), m.getFrom());
            } else {
                becomeFollower(m.getTerm(), NONE);
            }
        } else if (m.getTerm() < term && m.getTerm() != 0) {
            answerStale(m);
            return;
        }
        if (isVoteRequest(type)) {
            handleVoteRequest(m);
        } else {
            role.step(m);
        }
    }

    /** Proposes a command; it is replicated and, once committed, comes out in a Ready's committed entries. */
    public void propose(ByteString data) {
        proposeEntry(Entry.newBuilder().setType(EntryType.ENTRY_NORMAL).setData(data).build());
    }

    /**
     * Proposes a membership change. One at a time: the leader refuses a new one until the previous one is
     * applied. When the entry comes out committed, apply it with {@link #applyConfChange(ConfChange)}.
     */
    public void proposeConfChange(ConfChange change) {
        proposeEntry(Entry.newBuilder().setType(EntryType.ENTRY_CONF_CHANGE).setData(change.toByteString()).build());
    }

    private void proposeEntry(Entry entry) {
        if (role instanceof LeaderRole leaderRole) {
            leaderRole.proposeLocal(entry);
            return;
        }
        if (leader == NONE || role.kind() != RoleKind.FOLLOWER) {
            throw new ProposalDroppedException("node " + id + " knows no leader in term " + term + "; retry later");
        }
        // A leader refuses a configuration change with everything proposed with it, so one goes alone, in order;
        // a batch is also sent once it holds maxSizePerMessage, as an append is, so that it stays far below a frame.
        boolean alone = entry.getType() != EntryType.ENTRY_NORMAL;
        int bytes = entry.getSerializedSize();
        if (forwarded != null && (alone || forwarded.getTo() != leader
                || forwardedBytes + bytes > config.maxSizePerMessage())) {
            flushForwarded();
        }
        if (forwarded == null) {
            forwarded = Message.newBuilder().setType(MessageType.MSG_PROPOSE).setTo(leader);
        }
        forwarded.addEntries(entry);
        forwardedBytes += bytes;
        if (alone) {
            flushForwarded();
        }
    }

    private void flushForwarded() {
        if (forwarded != null) {
            send(forwarded);
            forwarded = null;
            forwardedBytes = 0;
        }
    }

    /**
     * Asks for a linearizable read point. The answer is a {@link ReadState} with the same context in a
     * later Ready; the caller must supply a context unique among its pending reads.
     */
    public void readIndex(ByteString context) {
        if (role instanceof LeaderRole leaderRole) {
            leaderRole.handleReadIndex(id, context);
            return;
        }
        if (leader == NONE) {
            throw new ProposalDroppedException("node " + id + " knows no leader in term " + term + "; retry the read");
        }
        send(Message.newBuilder().setType(MessageType.MSG_READ_INDEX).setTo(leader).setContext(context));
    }

    /** Asks the leader to hand leadership to {@code transferee}, which must be an up-to-date voter. */
    public void transferLeadership(long transferee) {
        if (role instanceof LeaderRole leaderRole) {
            leaderRole.transferTo(transferee);
            return;
        }
        if (leader == NONE) {
            throw new ProposalDroppedException("node " + id + " knows no leader to transfer from");
        }
        send(Message.newBuilder().setType(MessageType.MSG_TRANSFER_LEADER).setTo(leader).setFrom(transferee));
    }

    /** Starts an election now (pre-vote first when enabled), as if the election timeout had passed. */
    public void campaign() {
        hup(false);
    }

    /** The transport could not reach {@code peer}; the leader stops pipelining to it and probes instead. */
    public void reportUnreachable(long peer) {
        if (role instanceof LeaderRole leaderRole) {
            leaderRole.onUnreachable(peer);
        }
    }

    /** The transport finished sending a snapshot to {@code peer}, or failed to. */
    public void reportSnapshot(long peer, boolean delivered) {
        if (role instanceof LeaderRole leaderRole) {
            leaderRole.onSnapshotStatus(peer, delivered);
        }
    }

    /** Applies a committed membership change; returns the configuration now in force. */
    public ConfState applyConfChange(ConfChange change) {
        setMembership(membership.apply(change));
        if (role instanceof LeaderRole leaderRole) {
            leaderRole.onMembershipChanged();
        }
        return confState;
    }

    // ---- outputs ------------------------------------------------------------------------------------

    public boolean hasReady() {
        return !softState().equals(lastSoftState)
                || hardStateChanged()
                || log.unstableSnapshot() != null
                || !log.unstableEntries().isEmpty()
                || log.hasNextCommittedEntries()
                || !outbox.isEmpty()
                || (role instanceof LeaderRole leaderRole && leaderRole.appendsOwed())
                || forwarded != null
                || !readStates.isEmpty();
    }

    /** Takes the pending batch of work; hand it back with {@link #advance(Ready)} once done. */
    public Ready ready() {
        if (role instanceof LeaderRole leaderRole) {
            leaderRole.flushAppends();
        }
        flushForwarded();
        SoftState ss = softState();
        HardState hs = hardState();
        boolean hardChanged = hardStateChanged();
        List<Entry> entries = List.copyOf(log.unstableEntries());
        Snapshot snapshot = log.unstableSnapshot();
        boolean mustSync = !entries.isEmpty()
                || hs.getTerm() != lastHardState.getTerm()
                || hs.getVote() != lastHardState.getVote();
        Ready rd = new Ready(
                ss.equals(lastSoftState) ? null : ss,
                hardChanged ? hs : HardState.getDefaultInstance(),
                entries,
                snapshot != null ? snapshot : Snapshot.getDefaultInstance(),
                List.copyOf(log.nextCommittedEntries(config.maxApplyBytes())),
                List.copyOf(outbox),
                List.copyOf(readStates),
                mustSync || snapshot != null);
        outbox.clear();
        readStates.clear();
        lastSoftState = ss;
        return rd;
    }

    /** The owner persisted, sent and applied {@code rd}: moves it to stable storage and the applied index. */
    public void advance(Ready rd) {
        RaftStorage storage = log.storage();
        if (rd.hasHardState()) {
            lastHardState = rd.hardState();
            storage.setHardState(rd.hardState());
        }
        if (rd.hasSnapshot()) {
            storage.applySnapshot(rd.snapshot());
            log.stableSnapshotTo(rd.snapshot().getMetadata().getIndex());
            if (log.applied() < rd.snapshot().getMetadata().getIndex()) {
                log.appliedTo(rd.snapshot().getMetadata().getIndex());
            }
        }
        if (!rd.entries().isEmpty()) {
            storage.append(rd.entries());
            Entry last = rd.entries().get(rd.entries().size() - 1);
            log.stableTo(last.getIndex(), last.getTerm());
        }
        if (!rd.committedEntries().isEmpty()) {
            log.appliedTo(rd.committedEntries().get(rd.committedEntries().size() - 1).getIndex());
        }
        if (role instanceof LeaderRole leaderRole) {
            leaderRole.onPersisted(stableLastIndex());
        }
    }

    public RaftStatus status() {
        long transferee = role instanceof LeaderRole l ? l.leadTransferee : NONE;
        return new RaftStatus(id, role.kind(), term, vote, leader, log.committed(), log.applied(),
                log.lastIndex(), confState, transferee);
    }

    public long id() {
        return id;
    }

    public ConfState confState() {
        return confState;
    }

    /** Membership changes rarely and status() is read every turn, so its ConfState is built once per change. */
    private void setMembership(Membership next) {
        membership = next;
        confState = next.toConfState();
    }

    // ---- role transitions (used by the roles) -------------------------------------------------------

    void becomeFollower(long newTerm, long newLeader) {
        reset(newTerm);
        role = new FollowerRole(this);
        leader = newLeader;
    }

    void becomePreCandidate() {
        if (role.kind() == RoleKind.LEADER) {
            throw new IllegalStateException("node " + id + ": leader cannot become pre-candidate");
        }
        role = new CandidateRole(this, true);
        leader = NONE;
    }

    void becomeCandidate() {
        if (role.kind() == RoleKind.LEADER) {
            throw new IllegalStateException("node " + id + ": leader cannot become candidate");
        }
        reset(term + 1);
        role = new CandidateRole(this, false);
        vote = id;
    }

    void becomeLeader() {
        if (role.kind() == RoleKind.FOLLOWER) {
            throw new IllegalStateException("node " + id + ": follower cannot become leader without an election");
        }
        reset(term);
        leader = id;
        LeaderRole leaderRole = new LeaderRole(this, stableLastIndex());
        role = leaderRole;
        leaderRole.appendEmptyEntry();
    }

    private void reset(long newTerm) {
        if (term != newTerm) {
            term = newTerm;
            vote = NONE;
        }
        leader = NONE;
        electionElapsed = 0;
        heartbeatElapsed = 0;
        randomizedElectionTimeout = config.electionTick() + random.nextInt(electionJitterBound(config.electionTick()));
    }

    /**
     * Election timeouts are drawn from [electionTick, 1.75 × electionTick) rather than etcd's
     * [electionTick, 2 × electionTick): wide enough to break split votes, and narrow enough that when a
     * leader dies a follower campaigns with a quarter of an election timeout to spare before two have
     * passed (what operators are promised: a new leader within two election timeouts).
     */
    static int electionJitterBound(int electionTick) {
        return Math.max(1, electionTick * 3 / 4);
    }

    /** Follower and candidate clock: start an election once the randomized timeout passes. */
    void tickElection() {
        electionElapsed++;
        if (promotable() && electionElapsed >= randomizedElectionTimeout) {
            electionElapsed = 0;
            hup(false);
        }
    }

    /** Starts an election unless this node is leader, cannot be one, or has membership changes to apply. */
    void hup(boolean transfer) {
        if (role.kind() == RoleKind.LEADER || !promotable() || hasUnappliedConfChange()) {
            return;
        }
        if (transfer || !config.preVote()) {
            campaign(false, transfer);
        } else {
            campaign(true, false);
        }
    }

    void campaign(boolean pre, boolean transfer) {
        long voteTerm;
        MessageType voteType;
        if (pre) {
            becomePreCandidate();
            voteType = MessageType.MSG_PRE_VOTE;
            voteTerm = term + 1;
        } else {
            becomeCandidate();
            voteType = MessageType.MSG_VOTE;
            voteTerm = term;
        }
        CandidateRole candidate = (CandidateRole) role;
        if (candidate.recordVote(id, true) == Membership.VoteResult.WON) {
            if (pre) {
                campaign(false, false);
            } else {
                becomeLeader();
            }
            return;
        }
        for (long peer : membership.voters()) {
            if (peer == id) {
                continue;
            }
            Message.Builder m = Message.newBuilder().setType(voteType).setTo(peer).setTerm(voteTerm)
                    .setIndex(log.lastIndex()).setLogTerm(log.lastTerm());
            if (transfer) {
                m.setContext(TRANSFER_CONTEXT);
            }
            send(m);
        }
    }

    boolean promotable() {
        return membership.isVoter(id) && log.unstableSnapshot() == null;
    }

    // ---- follower-side handling shared by all roles -------------------------------------------------

    void handleAppend(Message m) {
        if (m.getIndex() < log.committed()) {
            send(reply(m, MessageType.MSG_APPEND_RESPONSE).setIndex(log.committed()));
            return;
        }
        long lastNew = log.maybeAppend(m.getIndex(), m.getLogTerm(), m.getCommit(), m.getEntriesList());
        if (lastNew >= 0) {
            send(reply(m, MessageType.MSG_APPEND_RESPONSE).setIndex(lastNew));
            return;
        }
        long hintIndex = log.findConflictByTerm(Math.min(m.getIndex(), log.lastIndex()), m.getLogTerm());
        send(reply(m, MessageType.MSG_APPEND_RESPONSE)
                .setIndex(m.getIndex())
                .setReject(true)
                .setRejectHint(hintIndex)
                .setLogTerm(log.termOrZero(hintIndex)));
    }

    void handleHeartbeat(Message m) {
        log.commitTo(m.getCommit());
        send(reply(m, MessageType.MSG_HEARTBEAT_RESPONSE).setContext(m.getContext()));
    }

    void handleSnapshot(Message m) {
        if (restore(m.getSnapshot())) {
            send(reply(m, MessageType.MSG_APPEND_RESPONSE).setIndex(log.lastIndex()));
        } else {
            send(reply(m, MessageType.MSG_APPEND_RESPONSE).setIndex(log.committed()));
        }
    }

    private boolean restore(Snapshot s) {
        long index = s.getMetadata().getIndex();
        if (index <= log.committed()) {
            return false;
        }
        if (log.matchTerm(index, s.getMetadata().getTerm())) {
            log.commitTo(index);
            return false;
        }
        // The snapshot may predate this node's addition (its ConfState without us): the entries after it
        // that add us follow in the next appends, so it is restored all the same.
        log.restore(s);
        setMembership(Membership.of(s.getMetadata().getConfState()));
        return true;
    }

    void addReadState(long index, ByteString context) {
        readStates.add(new ReadState(index, context));
    }

    // ---- sending ------------------------------------------------------------------------------------

    /**
     * Queues a message. Vote traffic carries the term it is about; forwarded proposals and read requests
     * carry none (they are not bound to a term); everything else carries this node's term.
     */
    void send(Message.Builder m) {
        if (m.getFrom() == NONE) {
            m.setFrom(id);
        }
        MessageType type = m.getType();
        boolean voteTraffic = isVoteRequest(type) || type == MessageType.MSG_VOTE_RESPONSE
                || type == MessageType.MSG_PRE_VOTE_RESPONSE;
        if (!voteTraffic && type != MessageType.MSG_PROPOSE && type != MessageType.MSG_READ_INDEX) {
            m.setTerm(term);
        }
        outbox.add(m.build());
    }

    private static Message.Builder reply(Message m, MessageType type) {
        return Message.newBuilder().setType(type).setTo(m.getFrom());
    }

    // ---- helpers ------------------------------------------------------------------------------------

    private void handleVoteRequest(Message m) {
        MessageType responseType = m.getType() == MessageType.MSG_VOTE
                ? MessageType.MSG_VOTE_RESPONSE : MessageType.MSG_PRE_VOTE_RESPONSE;
        boolean canVote = vote == m.getFrom()
                || (vote == NONE && leader == NONE)
                || (m.getType() == MessageType.MSG_PRE_VOTE && m.getTerm() > term);
        if (canVote && log.isUpToDate(m.getIndex(), m.getLogTerm())) {
            send(reply(m, responseType).setTerm(m.getTerm()));
            if (m.getType() == MessageType.MSG_VOTE) {
                electionElapsed = 0;
                vote = m.getFrom();
            }
        } else {
            send(reply(m, responseType).setTerm(term).setReject(true));
        }
    }

    /**
     * A message from an older term. A stale leader's appends and heartbeats get an answer carrying our
     * term, so a leader cut off by a partition learns it was replaced (with check-quorum or pre-vote the
     * new term would otherwise never reach it); a stale pre-vote gets a rejection so the candidate stops.
     */
    private void answerStale(Message m) {
        MessageType type = m.getType();
        if ((config.checkQuorum() || config.preVote())
                && (type == MessageType.MSG_HEARTBEAT || type == MessageType.MSG_APPEND)) {
            send(reply(m, MessageType.MSG_APPEND_RESPONSE));
        } else if (type == MessageType.MSG_PRE_VOTE) {
            send(reply(m, MessageType.MSG_PRE_VOTE_RESPONSE).setTerm(term).setReject(true));
        }
    }

    private boolean hasUnappliedConfChange() {
        long lo = Math.max(log.applied() + 1, log.firstIndex());
        long hi = log.committed() + 1;
        if (lo >= hi) {
            return false;
        }
        for (Entry e : log.slice(lo, hi, Long.MAX_VALUE)) {
            if (e.getType() == EntryType.ENTRY_CONF_CHANGE) {
                return true;
            }
        }
        return false;
    }

    /**
     * The last index that is persisted: the stable storage's end, but not past the start of the unstable
     * part, which may be about to replace a conflicting stored suffix.
     */
    long stableLastIndex() {
        return Math.min(log.storage().lastIndex(), log.unstableOffset() - 1);
    }

    private static boolean isVoteRequest(MessageType type) {
        return type == MessageType.MSG_VOTE || type == MessageType.MSG_PRE_VOTE;
    }

    private SoftState softState() {
        return new SoftState(leader, role.kind());
    }

    private HardState hardState() {
        return HardState.newBuilder().setTerm(term).setVote(vote).setCommit(log.committed()).build();
    }

    private boolean hardStateChanged() {
        HardState hs = hardState();
        return !hs.equals(lastHardState) && !hs.equals(HardState.getDefaultInstance());
    }
}
