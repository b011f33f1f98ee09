package dev.berth.store.server;

import dev.berth.store.raft.pb.ConfChange;
import dev.berth.store.server.pb.Member;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The members as the applied log says: names and URLs next to Raft's ids, for the transport and the
 * Cluster API. Changed only by applied membership changes or a restored snapshot (on the Raft thread);
 * read from any thread.
 */
final class MemberTable {
    private final TreeMap<Long, Member> members = new TreeMap<>();

    synchronized void apply(ConfChange change, Member described) {
        long id = change.getNodeId();
        switch (change.getType()) {
            case CONF_ADD_VOTER -> {
                Member known = members.getOrDefault(id, described);
                members.put(id, known.toBuilder().setId(id).setIsLearner(false).build());
            }
            case CONF_ADD_LEARNER -> members.put(id, described.toBuilder().setId(id).setIsLearner(true).build());
            case CONF_REMOVE_NODE -> members.remove(id);
            default -> throw new IllegalArgumentException("unknown membership change " + change.getType());
        }
    }

    /** A member's own announcement of its name and client URLs; ignored for a non-member. */
    synchronized void publish(Member attributes) {
        Member known = members.get(attributes.getId());
        if (known != null) {
            members.put(known.getId(), known.toBuilder().setName(attributes.getName())
                    .clearClientUrls().addAllClientUrls(attributes.getClientUrlsList()).build());
        }
    }

    synchronized void replaceAll(List<Member> snapshot) {
        members.clear();
        for (Member m : snapshot) {
            members.put(m.getId(), m);
        }
    }

    synchronized List<Member> list() {
        return List.copyOf(members.values());
    }

    synchronized Optional<Member> get(long id) {
        return Optional.ofNullable(members.get(id));
    }

    synchronized Map<Long, Member> asMap() {
        return Map.copyOf(members);
    }
}
