package dev.berth.shim.storage;

import java.util.List;

/** One range read: objects in key order, the revision read at, and whether keys remain past the last one. */
public record RangePage(List<StoredObject> items, long revision, boolean more) {
    public RangePage {
        items = List.copyOf(items);
    }
}
