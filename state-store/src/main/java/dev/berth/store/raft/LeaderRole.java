package dev.berth.store.raft;

import com.google.protobuf.ByteString;
import dev.berth.store.raft.pb.Entry;
import dev.berth.store.raft.pb.EntryType;
import dev.berth.store.raft.pb.Message;
import dev.berth.store.raft.pb.MessageType;
import dev.berth.store.raft.pb.Snapshot;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The leader: replicates its log to every member with per-follower flow control, commits by counting
 * current-term replicas, serves read indexes, hands leadership over on request, and steps down when it
 * stops hearing from a quorum (check-quorum).
 */
final class LeaderRole implements Role {
    private final RaftNode node;
    /** Every member's progress, self included, in id order so output is deterministic. */
    private final TreeMap<Long, Progress> progress = new TreeMap<>();
    private final ReadIndexQueue reads = new ReadIndexQueue();
    /** Reads that arrived before this leader committed an entry of its own term. */
    private final List<ReadIndexQueue.Request> readsBeforeFirstCommit = new ArrayList<>();
    long leadTransferee = RaftNode.NONE;
    /** Index of the last configuration change proposed; a new one waits until it is applied. */
    private long pendingConfIndex;
    /** Followers are owed entries or a commit index: sent by {@link #flushAppends()}, once per Ready. */
    private boolean appendsOwed;

    LeaderRole(RaftNode node, long stableLastIndex) {
        this.node = node;
        for (long member : node.membership.members()) {
            progress.put(member, newProgress(member));
        }
        Progress self = progress.get(node.id);
        if (self != null) {
            self.match = stableLastIndex;
            self.recentActive = true;
        }
        // Changes proposed by earlier leaders may still be unapplied; wait for them (see package docs).
        pendingConfIndex = node.log.lastIndex();
    }

    @Override
    public RoleKind kind() {
        return RoleKind.LEADER;
    }

    void appendEmptyEntry() {
        appendEntries(List.of(Entry.newBuilder().setType(EntryType.ENTRY_NORMAL).build()));
        appendsOwed = true;
    }

    @Override
    public void tick() {
        node.heartbeatElapsed++;
        node.electionElapsed++;
        if (node.electionElapsed >= node.config.electionTick()) {
            node.electionElapsed = 0;
            if (node.config.checkQuorum() && !quorumActive()) {
                node.becomeFollower(node.term, RaftNode.NONE);
                return;
            }
            leadTransferee = RaftNode.NONE;
        }
        if (node.heartbeatElapsed >= node.config.heartbeatTick()) {
            node.heartbeatElapsed = 0;
            broadcastHeartbeat(reads.lastContext());
        }
    }

    @Override
    public void step(Message m) {
        switch (m.getType()) {
            case MSG_PROPOSE -> {
                if (rejectProposal(m.getEntriesList()).isEmpty()) {
                    appendEntries(m.getEntriesList());
                    appendsOwed = true;
                }
            }
            case MSG_READ_INDEX -> handleReadIndex(m.getFrom(), m.getContext());
            case MSG_TRANSFER_LEADER -> transferTo(m.getFrom());
            case MSG_APPEND_RESPONSE -> onAppendResponse(m);
            case MSG_HEARTBEAT_RESPONSE -> onHeartbeatResponse(m);
            default -> {
                // Stale responses of an earlier role, or traffic a leader ignores.
            }
        }
    }

    // ---- proposals ----------------------------------------------------------------------------------

    void proposeLocal(Entry entry) {
        List<Entry> entries = List.of(entry);
        Optional<String> rejection = rejectProposal(entries);
        if (rejection.isPresent()) {
            throw new ProposalDroppedException(rejection.get());
        }
        appendEntries(entries);
        appendsOwed = true;
    }

    /** Why {@code entries} cannot be appended now, or empty if they can (reserving the change slot). */
    private Optional<String> rejectProposal(List<Entry> entries) {
        if (entries.isEmpty()) {
            return Optional.of("empty proposal");
        }
        if (!progress.containsKey(node.id)) {
            return Optional.of("leader " + node.id + " was removed from the cluster");
        }
        if (leadTransferee != RaftNode.NONE) {
            return Optional.of("leadership is being transferred from " + node.id + " to " + leadTransferee);
        }
        long changes = entries.stream().filter(e -> e.getType() == EntryType.ENTRY_CONF_CHANGE).count();
        if (changes > 0) {
            if (changes > 1 || pendingConfIndex > node.log.applied()) {
                return Optional.of("a configuration change is still pending (index " + pendingConfIndex
                        + ", applied " + node.log.applied() + "); propose one change at a time");
            }
            pendingConfIndex = node.log.lastIndex() + entries.size();
        }
        return Optional.empty();
    }

    private void appendEntries(List<Entry> entries) {
        long index = node.log.lastIndex();
        List<Entry> stamped = new ArrayList<>(entries.size());
        for (Entry e : entries) {
            stamped.add(e.toBuilder().setTerm(node.term).setIndex(++index).build());
        }
        node.log.append(stamped);
    }

    /** The owner persisted the log up to {@code stableLastIndex}: the leader's own replica now counts. */
    void onPersisted(long stableLastIndex) {
        Progress self = progress.get(node.id);
        if (self != null && self.maybeUpdate(stableLastIndex) && maybeCommit()) {
            appendsOwed = true;
        }
    }

    private boolean maybeCommit() {
        long quorumIndex = node.membership.committedIndex(id -> {
            Progress pr = progress.get(id);
            return pr == null ? 0 : pr.match;
        });
        if (!node.log.maybeCommit(quorumIndex, node.term)) {
            return false;
        }
        if (!readsBeforeFirstCommit.isEmpty()) {
            List<ReadIndexQueue.Request> waiting = List.copyOf(readsBeforeFirstCommit);
            readsBeforeFirstCommit.clear();
            for (ReadIndexQueue.Request r : waiting) {
                serveReadIndex(r);
            }
        }
        return true;
    }

    // ---- replication --------------------------------------------------------------------------------

    private void onAppendResponse(Message m) {
        Progress pr = progress.get(m.getFrom());
        if (pr == null) {
            return;
        }
        pr.recentActive = true;
        if (m.getReject()) {
            long hint = m.getRejectHint();
            if (m.getLogTerm() > 0) {
                hint = node.log.findConflictByTerm(hint, m.getLogTerm());
            }
            if (pr.maybeDecreaseTo(m.getIndex(), hint)) {
                if (pr.state == Progress.State.REPLICATE) {
                    pr.becomeProbe();
                }
                sendAppend(m.getFrom(), true);
            }
            return;
        }
        boolean wasPaused = pr.paused();
        if (!pr.maybeUpdate(m.getIndex())) {
            return;
        }
        switch (pr.state) {
            case PROBE -> pr.becomeReplicate();
            case SNAPSHOT -> {
                if (pr.match >= pr.pendingSnapshot) {
                    pr.becomeProbe();
                    pr.becomeReplicate();
                }
            }
            case REPLICATE -> pr.inflights.freeTo(m.getIndex());
        }
        if (maybeCommit()) {
            // The flush tells every follower the new commit index and fills this one's pipeline.
            appendsOwed = true;
        } else {
            if (wasPaused) {
                sendAppend(m.getFrom(), true);
            }
            fillPipeline(m.getFrom());
        }
        if (m.getFrom() == leadTransferee && pr.match == node.log.lastIndex()) {
            sendTimeoutNow(m.getFrom());
        }
    }

    private void onHeartbeatResponse(Message m) {
        Progress pr = progress.get(m.getFrom());
        if (pr == null) {
            return;
        }
        pr.recentActive = true;
        pr.probeSent = false;
        if (pr.state == Progress.State.REPLICATE && pr.inflights.full()) {
            pr.inflights.freeFirst();
        }
        if (pr.match < node.log.lastIndex()) {
            sendAppend(m.getFrom(), true);
        }
        if (node.config.readOnlyOption() != ReadOnlyOption.SAFE || m.getContext().isEmpty()) {
            return;
        }
        Map<Long, Boolean> acks = reads.acknowledge(m.getFrom(), m.getContext());
        if (acks == null || node.membership.voteResult(acks) != Membership.VoteResult.WON) {
            return;
        }
        for (ReadIndexQueue.Pending p : reads.releaseThrough(m.getContext())) {
            answerRead(p.request(), p.index());
        }
    }

    void onUnreachable(long peer) {
        Progress pr = progress.get(peer);
        if (pr != null && pr.state == Progress.State.REPLICATE) {
            pr.becomeProbe();
        }
    }

    void onSnapshotStatus(long peer, boolean delivered) {
        Progress pr = progress.get(peer);
        if (pr == null || pr.state != Progress.State.SNAPSHOT) {
            return;
        }
        if (!delivered) {
            pr.pendingSnapshot = 0;
        }
        pr.becomeProbe();
        // Wait for the follower's answer (or a heartbeat round) before probing again.
        pr.probeSent = true;
    }

    /**
     * Sends the entries {@code to} needs next; a snapshot if they are compacted away. Returns whether a
     * message was sent; with {@code sendIfEmpty} false nothing is sent when there are no new entries.
     */
    private boolean sendAppend(long to, boolean sendIfEmpty) {
        Progress pr = progress.get(to);
        if (pr == null || pr.paused()) {
            return false;
        }
        long prevTerm;
        List<Entry> entries;
        try {
            prevTerm = node.log.term(pr.next - 1);
            entries = node.log.entriesFrom(pr.next, node.config.maxSizePerMessage());
        } catch (StorageException compacted) {
            return sendSnapshot(to, pr);
        }
        if (entries.isEmpty() && !sendIfEmpty) {
            return false;
        }
        node.send(Message.newBuilder()
                .setType(MessageType.MSG_APPEND)
                .setTo(to)
                .setIndex(pr.next - 1)
                .setLogTerm(prevTerm)
                .addAllEntries(entries)
                .setCommit(node.log.committed()));
        if (!entries.isEmpty()) {
            switch (pr.state) {
                case REPLICATE -> {
                    long last = entries.get(entries.size() - 1).getIndex();
                    pr.optimisticUpdate(last);
                    pr.inflights.add(last, Entries.bytes(entries));
                }
                case PROBE -> pr.probeSent = true;
                case SNAPSHOT -> throw new IllegalStateException("sent entries to " + to + " while it installs a snapshot");
            }
        }
        return true;
    }

    private boolean sendSnapshot(long to, Progress pr) {
        if (!pr.recentActive) {
            return false;
        }
        Snapshot snapshot;
        try {
            snapshot = node.log.snapshot();
        } catch (StorageException unreadable) {
            // As etcd's raft does when a snapshot is temporarily unavailable: send nothing now; the follower's
            // next response or heartbeat round tries again.
            return false;
        }
        if (snapshot.getMetadata().getIndex() == 0) {
            return false;
        }
        node.send(Message.newBuilder().setType(MessageType.MSG_SNAPSHOT).setTo(to).setSnapshot(snapshot));
        pr.becomeSnapshot(snapshot.getMetadata().getIndex());
        return true;
    }

    boolean appendsOwed() {
        return appendsOwed;
    }

    /**
     * Sends each follower one append with what it lacks (an empty one still carries the commit index), then
     * fills its pipeline while its window allows. The core calls this when it builds a Ready, so the
     * proposals and acknowledgements stepped since the last Ready leave as one append per follower, not
     * one each: with many clients, a follower decodes, persists and answers a batch instead of every write.
     */
    void flushAppends() {
        if (!appendsOwed) {
            return;
        }
        appendsOwed = false;
        for (long peer : progress.keySet()) {
            if (peer != node.id && sendAppend(peer, true)) {
                fillPipeline(peer);
            }
        }
    }

    private void fillPipeline(long peer) {
        while (sendAppend(peer, false)) {
            // Until the window is full or the follower has every entry.
        }
    }

    private void broadcastHeartbeat(ByteString context) {
        for (Map.Entry<Long, Progress> e : progress.entrySet()) {
            if (e.getKey() == node.id) {
                continue;
            }
            // Never tell a follower to commit past what it is known to have.
            long commit = Math.min(e.getValue().match, node.log.committed());
            node.send(Message.newBuilder().setType(MessageType.MSG_HEARTBEAT).setTo(e.getKey())
                    .setCommit(commit).setContext(context));
        }
    }

    /**
     * Whether a quorum of voters was heard from since the last check, resetting the marks. The leader's
     * lease: with check-quorum on, a leader that cannot reach a quorum steps down within electionTick.
     */
    private boolean quorumActive() {
        Map<Long, Boolean> active = new HashMap<>();
        for (Map.Entry<Long, Progress> e : progress.entrySet()) {
            long id = e.getKey();
            if (id == node.id) {
                active.put(id, true);
                continue;
            }
            if (e.getValue().recentActive) {
                active.put(id, true);
            }
            e.getValue().recentActive = false;
        }
        return node.membership.voteResult(active) == Membership.VoteResult.WON;
    }

    // ---- reads --------------------------------------------------------------------------------------

    void handleReadIndex(long from, ByteString context) {
        ReadIndexQueue.Request request = new ReadIndexQueue.Request(from, context);
        if (node.membership.voters().size() == 1 && node.membership.isVoter(node.id)) {
            answerRead(request, node.log.committed());
        } else if (node.log.termOrZero(node.log.committed()) != node.term) {
            // Until an entry of this term commits, this leader may not know the latest commit index.
            readsBeforeFirstCommit.add(request);
        } else {
            serveReadIndex(request);
        }
    }

    private void serveReadIndex(ReadIndexQueue.Request request) {
        long index = node.log.committed();
        if (node.config.readOnlyOption() == ReadOnlyOption.LEASE_BASED) {
            answerRead(request, index);
            return;
        }
        ByteString heartbeat = reads.add(index, request);
        reads.acknowledge(node.id, heartbeat);
        broadcastHeartbeat(heartbeat);
    }

    private void answerRead(ReadIndexQueue.Request request, long index) {
        if (request.from() == node.id || request.from() == RaftNode.NONE) {
            node.addReadState(index, request.context());
        } else {
            node.send(Message.newBuilder().setType(MessageType.MSG_READ_INDEX_RESPONSE).setTo(request.from())
                    .setIndex(index).setContext(request.context()));
        }
    }

    // ---- leadership transfer and membership ---------------------------------------------------------

    void transferTo(long transferee) {
        Progress pr = progress.get(transferee);
        if (pr == null || pr.learner || transferee == node.id) {
            return;
        }
        if (leadTransferee == transferee) {
            return;
        }
        leadTransferee = transferee;
        // The transfer must finish within one election timeout, or it is abandoned on tick.
        node.electionElapsed = 0;
        if (pr.match == node.log.lastIndex()) {
            sendTimeoutNow(transferee);
        } else {
            sendAppend(transferee, true);
        }
    }

    private void sendTimeoutNow(long to) {
        node.send(Message.newBuilder().setType(MessageType.MSG_TIMEOUT_NOW).setTo(to));
    }

    /** The node applied a membership change: track new members, forget removed ones, recount the quorum. */
    void onMembershipChanged() {
        Membership m = node.membership;
        progress.keySet().removeIf(id -> !m.isMember(id));
        for (long member : m.members()) {
            Progress pr = progress.get(member);
            if (pr == null) {
                pr = newProgress(member);
                pr.recentActive = true;
                progress.put(member, pr);
            }
            pr.learner = !m.isVoter(member);
        }
        if (!m.isVoter(node.id)) {
            // A removed leader steps down; the remaining voters elect a new one.
            node.becomeFollower(node.term, RaftNode.NONE);
            return;
        }
        if (maybeCommit()) {
            appendsOwed = true;
        } else {
            for (long peer : progress.keySet()) {
                if (peer != node.id) {
                    sendAppend(peer, false);
                }
            }
        }
        if (leadTransferee != RaftNode.NONE && !m.isVoter(leadTransferee)) {
            leadTransferee = RaftNode.NONE;
        }
    }

    private Progress newProgress(long member) {
        return new Progress(node.log.lastIndex() + 1,
                new Inflights(node.config.maxInflightMessages(), node.config.maxInflightBytes()),
                !node.membership.isVoter(member));
    }
}
