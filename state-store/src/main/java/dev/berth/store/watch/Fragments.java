package dev.berth.store.watch;

import dev.berth.store.etcd.mvccpb.Event;
import dev.berth.store.etcd.pb.WatchResponse;
import java.util.ArrayList;
import java.util.List;

/**
 * etcd's watch fragmentation: a response larger than the largest request a client must accept is split, for a
 * watch that allows it, into responses of whole events, all but the last marked {@code fragment}; each holds at
 * least one event, so an event larger than the limit travels alone.
 */
final class Fragments {

    private Fragments() {
    }

    static List<WatchResponse> split(WatchResponse response, boolean allowed, int maxBytes) {
        if (!allowed || response.getSerializedSize() <= maxBytes) {
            return List.of(response);
        }
        WatchResponse empty = response.toBuilder().clearEvents().build();
        List<WatchResponse> parts = new ArrayList<>();
        WatchResponse.Builder part = empty.toBuilder();
        int size = empty.getSerializedSize();
        for (Event event : response.getEventsList()) {
            int eventSize = event.getSerializedSize() + 8;
            if (part.getEventsCount() > 0 && size + eventSize > maxBytes) {
                parts.add(part.setFragment(true).build());
                part = empty.toBuilder();
                size = empty.getSerializedSize();
            }
            part.addEvents(event);
            size += eventSize;
        }
        parts.add(part.build());
        return parts;
    }
}
