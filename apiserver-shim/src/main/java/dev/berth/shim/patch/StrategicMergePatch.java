package dev.berth.shim.patch;

import dev.berth.shim.patch.StrategicSchema.Field;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Kubernetes strategic merge patch as kube-apiserver applies it (apimachinery's {@code strategicpatch} with
 * {@code MergeParallelList} and {@code IgnoreUnmatchedNulls}): maps merge, {@code null} deletes, lists tagged
 * {@code patchStrategy:"merge"} merge element by element on their merge key, and the directives
 * {@code $patch: replace|delete}, {@code $retainKeys}, {@code $deleteFromPrimitiveList/<field>} and
 * {@code $setElementOrder/<field>} are honoured. Merged lists are ordered the way upstream orders them: items named
 * by the patch (or its {@code $setElementOrder}) in patch order, the other items in their live order, the two
 * interleaved by their live positions, so items new to the list come first. (When one patch both deletes and adds
 * items of a list, upstream's order can differ: there it depends on Go slices sharing a backing array.)
 *
 * <p>Where upstream fails with an untyped error (which kube-apiserver turns into a 500), such as an unknown
 * {@code $patch} value or a list element without its merge key, this answers 400 with upstream's wording.
 */
final class StrategicMergePatch {

    private static final String PATCH = "$patch";
    private static final String RETAIN_KEYS = "$retainKeys";
    private static final String DELETE_FROM_PRIMITIVE_LIST = "$deleteFromPrimitiveList/";
    private static final String SET_ELEMENT_ORDER = "$setElementOrder/";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private StrategicMergePatch() {
    }

    /** The result of patching {@code original}; neither argument is changed. */
    static ObjectNode apply(ObjectNode original, ObjectNode patch, StrategicSchema schema) throws PatchException {
        return mergeMap(original.deepCopy(), patch, schema);
    }

    private static ObjectNode mergeMap(ObjectNode original, ObjectNode patch, StrategicSchema schema)
            throws PatchException {
        JsonNode directive = patch.get(PATCH);
        if (directive != null) {
            return switch (directive.asString("")) {
                case "replace" -> {
                    ObjectNode replacement = patch.deepCopy();
                    replacement.remove(PATCH);
                    yield mergeMap(NODES.objectNode(), replacement, schema);
                }
                case "delete" -> NODES.objectNode();
                default -> throw unknownPatchType(directive, patch);
            };
        }
        retainKeys(original, patch);
        Map<String, ArrayNode> orders = elementOrders(patch);
        deleteFromPrimitiveLists(original, patch);
        for (Map.Entry<String, JsonNode> member : patch.properties()) {
            String name = member.getKey();
            if (name.startsWith("$")) {
                continue;
            }
            JsonNode value = member.getValue();
            if (value.isNull()) {
                original.remove(name);
                continue;
            }
            original.set(name, mergeValue(original.get(name), value, schema.field(name), orders.get(name)));
        }
        for (Map.Entry<String, ArrayNode> order : orders.entrySet()) {
            String name = order.getKey();
            Field field = schema.field(name);
            JsonNode live = original.get(name);
            if (!patch.has(name) && field.mergeList() && live != null && live.isArray()) {
                original.set(name, mergeList((ArrayNode) live, NODES.arrayNode(), field, order.getValue()));
            }
        }
        return original;
    }

    private static JsonNode mergeValue(JsonNode live, JsonNode value, Field field, ArrayNode order)
            throws PatchException {
        if (live != null && live.isObject() && value.isObject()) {
            return mergeMap((ObjectNode) live, (ObjectNode) value, field.schema());
        }
        if (live != null && live.isArray() && value.isArray() && field.mergeList()) {
            return mergeList((ArrayNode) live, (ArrayNode) value, field, order);
        }
        return fresh(value, field, order);
    }

    /** A patch value taken as is where nothing merges with it, without its nulls and directives. */
    private static JsonNode fresh(JsonNode value, Field field, ArrayNode order) throws PatchException {
        if (value.isObject()) {
            return mergeMap(NODES.objectNode(), (ObjectNode) value, field.schema());
        }
        if (!value.isArray()) {
            return value.deepCopy();
        }
        if (field.mergeList()) {
            return mergeList(NODES.arrayNode(), (ArrayNode) value, field, order);
        }
        ArrayNode list = NODES.arrayNode();
        for (JsonNode element : value) {
            list.add(element.isObject() ? mergeMap(NODES.objectNode(), (ObjectNode) element, field.schema())
                    : element.deepCopy());
        }
        return list;
    }

    private static ArrayNode mergeList(ArrayNode live, ArrayNode patch, Field field, ArrayNode order)
            throws PatchException {
        for (JsonNode element : patch) {
            if (element.isArray()) {
                throw PatchException.rejected("lists of lists are not supported");
            }
        }
        return field.mergesScalars() ? mergeScalars(live, patch, order) : mergeByKey(live, patch, field, order);
    }

    private static ArrayNode mergeScalars(ArrayNode live, ArrayNode patch, ArrayNode order) throws PatchException {
        List<JsonNode> merged = new ArrayList<>();
        for (JsonNode element : concat(live, patch)) {
            if (element.isObject()) {
                throw PatchException.badRequest("cannot merge lists without merge key");
            }
            if (!merged.contains(element)) {
                merged.add(element.deepCopy());
            }
        }
        List<JsonNode> patchOrder = elements(order != null ? order : patch);
        return ordered(merged, patchOrder, elements(live), new ElementIdentity(""));
    }

    private static ArrayNode mergeByKey(ArrayNode live, ArrayNode patch, Field field, ArrayNode order)
            throws PatchException {
        String key = field.mergeKey();
        List<JsonNode> base = elements(live).stream().map(JsonNode::deepCopy).collect(ArrayList::new,
                ArrayList::add, ArrayList::addAll);
        List<ObjectNode> patchElements = new ArrayList<>();
        boolean replace = false;
        for (JsonNode element : patch) {
            if (!element.isObject()) {
                throw PatchException.badRequest("map: " + element + " does not contain declared merge key: " + key);
            }
            JsonNode directive = element.get(PATCH);
            if (directive == null) {
                requireMergeKey(element, key);
                patchElements.add((ObjectNode) element);
                continue;
            }
            switch (directive.asString("")) {
                case "delete" -> {
                    JsonNode doomed = requireMergeKey(element, key);
                    base.removeIf(candidate -> doomed.equals(candidate.get(key)));
                }
                case "replace" -> replace = true;
                case "merge" -> throw PatchException.badRequest("merging lists cannot yet be specified in the patch");
                default -> throw unknownPatchType(directive, element);
            }
        }
        if (replace) {
            base.clear();
        }
        ElementIdentity identity = new ElementIdentity(key);
        for (ObjectNode element : patchElements) {
            int at = identity.indexIn(base, element);
            if (at >= 0) {
                base.set(at, mergeMap((ObjectNode) base.get(at), element, field.schema()));
            } else {
                base.add(mergeMap(NODES.objectNode(), element, field.schema()));
            }
        }
        List<JsonNode> patchOrder = new ArrayList<>();
        for (JsonNode element : order != null ? order : patch) {
            if (!element.has(PATCH)) {
                requireMergeKey(element, key);
                patchOrder.add(element);
            }
        }
        return ordered(base, patchOrder, elements(live), identity);
    }

    /**
     * Upstream's ordering (normalizeElementOrder): the items named in {@code patchOrder} sorted by it, the others
     * sorted by the live order, then interleaved by live position; an item not in the live list goes first.
     */
    private static ArrayNode ordered(List<JsonNode> merged, List<JsonNode> patchOrder, List<JsonNode> liveOrder,
                                     ElementIdentity identity) {
        List<JsonNode> patchItems = new ArrayList<>();
        List<JsonNode> serverOnly = new ArrayList<>();
        for (JsonNode item : merged) {
            (identity.indexIn(patchOrder, item) >= 0 ? patchItems : serverOnly).add(item);
        }
        patchItems.sort(Comparator.comparingInt(item -> identity.indexIn(patchOrder, item)));
        serverOnly.sort(Comparator.comparingInt(item -> position(identity.indexIn(liveOrder, item))));
        ArrayNode result = NODES.arrayNode();
        int left = 0;
        int right = 0;
        while (left < serverOnly.size() || right < patchItems.size()) {
            if (right >= patchItems.size()) {
                result.add(serverOnly.get(left++));
            } else if (left >= serverOnly.size()) {
                result.add(patchItems.get(right++));
            } else {
                int serverIndex = identity.indexIn(liveOrder, serverOnly.get(left));
                int patchIndex = identity.indexIn(liveOrder, patchItems.get(right));
                boolean serverFirst = serverIndex >= 0 && patchIndex >= 0 && serverIndex < patchIndex;
                result.add(serverFirst ? serverOnly.get(left++) : patchItems.get(right++));
            }
        }
        return result;
    }

    private static int position(int index) {
        return index < 0 ? Integer.MAX_VALUE : index;
    }

    private static void retainKeys(ObjectNode original, ObjectNode patch) throws PatchException {
        JsonNode retain = patch.get(RETAIN_KEYS);
        if (retain == null) {
            return;
        }
        if (!retain.isArray()) {
            throw PatchException.badRequest("invalid patch format of retainKeys");
        }
        Set<String> kept = new HashSet<>();
        for (JsonNode name : retain) {
            kept.add(name.asString(""));
        }
        for (Map.Entry<String, JsonNode> member : patch.properties()) {
            String name = member.getKey();
            boolean directive = name.startsWith("$");
            if (!directive && !member.getValue().isNull() && !kept.contains(name)) {
                throw PatchException.badRequest("invalid patch format of retainKeys");
            }
        }
        original.propertyNames().stream().filter(name -> !kept.contains(name)).toList().forEach(original::remove);
    }

    private static Map<String, ArrayNode> elementOrders(ObjectNode patch) throws PatchException {
        Map<String, ArrayNode> orders = new HashMap<>();
        for (Map.Entry<String, JsonNode> member : patch.properties()) {
            if (member.getKey().startsWith(SET_ELEMENT_ORDER)) {
                if (!member.getValue().isArray()) {
                    throw PatchException.badRequest("invalid patch format of setElementOrder list");
                }
                orders.put(member.getKey().substring(SET_ELEMENT_ORDER.length()), (ArrayNode) member.getValue());
            }
        }
        return orders;
    }

    private static void deleteFromPrimitiveLists(ObjectNode original, ObjectNode patch) throws PatchException {
        for (Map.Entry<String, JsonNode> member : patch.properties()) {
            if (!member.getKey().startsWith(DELETE_FROM_PRIMITIVE_LIST)) {
                continue;
            }
            if (!member.getValue().isArray()) {
                throw PatchException.badRequest("invalid patch format of primitive list");
            }
            String name = member.getKey().substring(DELETE_FROM_PRIMITIVE_LIST.length());
            JsonNode live = original.get(name);
            if (live != null && live.isArray()) {
                List<JsonNode> doomed = elements((ArrayNode) member.getValue());
                ArrayNode kept = NODES.arrayNode();
                live.forEach(element -> {
                    if (!doomed.contains(element)) {
                        kept.add(element);
                    }
                });
                original.set(name, kept);
            }
        }
    }

    private static JsonNode requireMergeKey(JsonNode element, String key) throws PatchException {
        JsonNode value = element.isObject() ? element.get(key) : null;
        if (value == null) {
            throw PatchException.badRequest("map: " + element + " does not contain declared merge key: " + key);
        }
        return value;
    }

    private static PatchException unknownPatchType(JsonNode directive, JsonNode in) {
        return PatchException.badRequest("unknown patch type: " + directive.asString(directive.toString())
                + " in map: " + in);
    }

    private static List<JsonNode> elements(ArrayNode array) {
        List<JsonNode> list = new ArrayList<>(array.size());
        array.forEach(list::add);
        return list;
    }

    private static List<JsonNode> concat(ArrayNode first, ArrayNode second) {
        List<JsonNode> all = elements(first);
        all.addAll(elements(second));
        return all;
    }

    /** Identifies list items: by the merge key's value for lists of structs, by value for lists of scalars. */
    private record ElementIdentity(String mergeKey) {
        int indexIn(List<? extends JsonNode> list, JsonNode item) {
            JsonNode id = mergeKey.isEmpty() ? item : item.get(mergeKey);
            for (int i = 0; i < list.size(); i++) {
                JsonNode candidate = mergeKey.isEmpty() ? list.get(i) : list.get(i).get(mergeKey);
                if (id != null && id.equals(candidate)) {
                    return i;
                }
            }
            return -1;
        }
    }
}
