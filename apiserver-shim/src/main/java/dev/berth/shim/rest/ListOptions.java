package dev.berth.shim.rest;

import dev.berth.shim.error.ApiException;
import dev.berth.shim.resource.ResourceType;
import dev.berth.shim.select.FieldLabels;
import dev.berth.shim.select.FieldSelector;
import dev.berth.shim.select.LabelSelector;
import dev.berth.shim.select.Selection;
import io.vertx.core.MultiMap;

/**
 * The query parameters of a list or watch (metav1.ListOptions): selectors, paging, the resourceVersion semantics
 * and the watch options (sendInitialEvents: the current objects first, then a bookmark marking their end).
 * {@code limit} 0 means no limit; {@code timeoutSeconds} 0 means the server's default.
 */
public record ListOptions(Selection selection, int limit, String continueToken, String resourceVersion,
                          String resourceVersionMatch, boolean watch, boolean allowWatchBookmarks,
                          boolean sendInitialEvents, long timeoutSeconds) {

    /** Every object, read at the latest revision. */
    public static final ListOptions ALL = new ListOptions(Selection.EVERYTHING, 0, "", "", "", false, false, false, 0);

    public static ListOptions parse(ResourceType type, MultiMap query) {
        Selection selection = new Selection(LabelSelector.parse(query.get("labelSelector")),
                FieldSelector.parse(query.get("fieldSelector"), FieldLabels.of(type)));
        String match = value(query, "resourceVersionMatch");
        if (!match.isEmpty() && !match.equals("Exact") && !match.equals("NotOlderThan")) {
            throw ApiException.badRequest("resourceVersionMatch: Unsupported value: \"" + match
                    + "\": supported values: \"Exact\", \"NotOlderThan\"");
        }
        return new ListOptions(selection, (int) Math.min(Integer.MAX_VALUE, number(query, "limit")),
                value(query, "continue"), value(query, "resourceVersion"), match, flag(query, "watch"),
                flag(query, "allowWatchBookmarks"), flag(query, "sendInitialEvents"), number(query, "timeoutSeconds"));
    }

    private static String value(MultiMap query, String name) {
        String value = query.get(name);
        return value == null ? "" : value;
    }

    private static boolean flag(MultiMap query, String name) {
        String value = value(query, name);
        return value.equals("1") || value.equalsIgnoreCase("true");
    }

    private static long number(MultiMap query, String name) {
        String value = value(query, name);
        if (value.isEmpty()) {
            return 0;
        }
        try {
            long n = Long.parseLong(value);
            if (n < 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw ApiException.badRequest(name + ": Invalid value: \"" + value + "\": must be a non-negative integer");
        }
    }

    /** A resourceVersion parameter as a store revision; anything but a non-negative integer is a 400. */
    public static long revision(String resourceVersion) {
        try {
            long revision = Long.parseLong(resourceVersion);
            if (revision < 0) {
                throw new NumberFormatException();
            }
            return revision;
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("invalid resource version: \"" + resourceVersion + "\"");
        }
    }
}
