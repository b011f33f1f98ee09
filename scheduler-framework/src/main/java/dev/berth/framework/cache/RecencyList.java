package dev.berth.framework.cache;

import dev.berth.framework.api.NodeInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * The cache's NodeInfos in a doubly linked list, most recently changed first (upstream's
 * {@code headNode} list). Every change bumps a NodeInfo's generation from one global counter and moves
 * it to the head, so the list is ordered by generation and a snapshot update can stop at the first
 * NodeInfo it already has. Not thread-safe; the cache guards it.
 */
final class RecencyList {

    /** A NodeInfo's place in the list; the cache keeps it per node name to move or unlink in O(1). */
    static final class Entry {
        private final NodeInfo info;
        private Entry previous;
        private Entry next;

        private Entry(NodeInfo info) {
            this.info = info;
        }

        NodeInfo info() {
            return info;
        }
    }

    private Entry head;

    /** Links a new NodeInfo at the head. */
    Entry addToHead(NodeInfo info) {
        Entry entry = new Entry(info);
        linkAtHead(entry);
        return entry;
    }

    /** Call right after changing the entry's NodeInfo, which bumped its generation to the newest. */
    void moveToHead(Entry entry) {
        if (entry != head) {
            unlink(entry);
            linkAtHead(entry);
        }
    }

    void remove(Entry entry) {
        unlink(entry);
    }

    /** The NodeInfos changed after {@code generation}, newest first. */
    List<NodeInfo> newerThan(long generation) {
        List<NodeInfo> out = new ArrayList<>();
        for (Entry e = head; e != null && e.info.generation() > generation; e = e.next) {
            out.add(e.info);
        }
        return out;
    }

    /** The generation of the most recent change; empty if the list is empty. */
    OptionalLong newestGeneration() {
        return head == null ? OptionalLong.empty() : OptionalLong.of(head.info.generation());
    }

    private void linkAtHead(Entry entry) {
        entry.previous = null;
        entry.next = head;
        if (head != null) {
            head.previous = entry;
        }
        head = entry;
    }

    private void unlink(Entry entry) {
        if (entry.previous != null) {
            entry.previous.next = entry.next;
        } else {
            head = entry.next;
        }
        if (entry.next != null) {
            entry.next.previous = entry.previous;
        }
        entry.previous = null;
        entry.next = null;
    }
}
