package dev.berth.shim.rest;

import dev.berth.shim.error.ApiException;
import dev.berth.shim.json.Json;
import dev.berth.shim.resource.ResourceType;
import dev.berth.shim.storage.ContinueToken;
import dev.berth.shim.storage.ObjectStore;
import dev.berth.shim.storage.RangePage;
import dev.berth.shim.storage.RegistryKeys;
import dev.berth.shim.storage.StoredObject;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** get and list, with kube-apiserver's resourceVersion semantics, selectors and limit/continue paging. */
public final class ObjectReader {
    static final String LIST_TOO_OLD = "The resourceVersion for the provided list is too old.";
    private static final String CONTINUE_TOO_OLD = "The provided continue parameter is too old to display a "
            + "consistent list result. You can start a new list without the continue parameter.";

    private final ObjectStore store;

    public ObjectReader(ObjectStore store) {
        this.store = store;
    }

    public StoredObject get(ResourceType type, String namespace, String name) {
        return store.get(RegistryKeys.key(type, namespace, name)).orElseThrow(() -> ApiException.notFound(type, name));
    }

    /** The list object ({@code PodList} …) of the objects selected, one page of it when {@code limit} is set. */
    public ObjectNode list(ResourceType type, String namespace, ListOptions options) {
        String prefix = RegistryKeys.prefix(type, namespace);
        String end = ObjectStore.prefixEnd(prefix);
        String from = prefix;
        long revision;
        String expired = LIST_TOO_OLD;
        if (!options.continueToken().isEmpty()) {
            ContinueToken token = ContinueToken.decode(options.continueToken());
            from = prefix + token.start();
            revision = token.revision();
            expired = CONTINUE_TOO_OLD;
        } else {
            revision = readRevision(options);
        }
        int limit = options.limit();
        List<StoredObject> selected = new ArrayList<>();
        boolean more = false;
        String lastKey = "";
        while (true) {
            RangePage page = store.range(from, end, revision, limit, expired);
            revision = page.revision();
            int index = 0;
            for (; index < page.items().size() && (limit == 0 || selected.size() < limit); index++) {
                StoredObject item = page.items().get(index);
                lastKey = item.key();
                if (options.selection().matches(item.object())) {
                    selected.add(item);
                }
            }
            if (index < page.items().size() || !page.more()) {
                more = index < page.items().size() || (limit > 0 && selected.size() == limit && page.more());
                break;
            }
            if (limit > 0 && selected.size() == limit) {
                more = true;
                break;
            }
            from = lastKey + "\0";
        }
        String continueToken = more ? new ContinueToken(revision, lastKey.substring(prefix.length()) + "\0").encode() : "";
        return listObject(type, revision, continueToken, selected);
    }

    /**
     * The revision a first page is read at: the latest (0) for "" and "0" and for NotOlderThan (after checking the
     * store has reached it); the one given for Exact, or when paging with no match given (the legacy rule).
     */
    private long readRevision(ListOptions options) {
        String rv = options.resourceVersion();
        if (rv.isEmpty() || rv.equals("0")) {
            if (options.resourceVersionMatch().equals("Exact")) {
                throw ApiException.badRequest("resourceVersionMatch: Forbidden: resourceVersionMatch \"Exact\" is "
                        + "forbidden for resourceVersion \"" + rv + "\"");
            }
            return 0;
        }
        long revision = ListOptions.revision(rv);
        boolean exact = options.resourceVersionMatch().equals("Exact")
                || (options.resourceVersionMatch().isEmpty() && options.limit() > 0);
        long current = store.revision();
        if (revision > current) {
            throw ApiException.timeout("Too large resource version: " + revision + ", current: " + current);
        }
        return exact ? revision : 0;
    }

    static ObjectNode listObject(ResourceType type, long revision, String continueToken, List<StoredObject> items) {
        ObjectNode list = Json.object();
        list.put("kind", type.kind() + "List");
        list.put("apiVersion", type.apiVersion());
        ObjectNode metadata = list.putObject("metadata");
        metadata.put("resourceVersion", Long.toString(revision));
        if (!continueToken.isEmpty()) {
            metadata.put("continue", continueToken);
        }
        ArrayNode array = list.putArray("items");
        items.forEach(item -> array.add(item.object()));
        return list;
    }
}
