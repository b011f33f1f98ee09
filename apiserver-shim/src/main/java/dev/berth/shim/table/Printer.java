package dev.berth.shim.table;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;

/** How one kind of object is printed: its columns (wide ones included, as the apiserver sends) and its cells. */
sealed interface Printer permits PodPrinter, NodePrinter, EventPrinter, NameAgePrinter {

    List<Column> columns();

    /** The row's cells, one per column; strings and numbers. */
    List<Object> cells(JsonNode object, Instant now);

    /** The row's {@code conditions}; empty for most kinds. */
    default ArrayNode conditions(JsonNode object) {
        return JsonNodeFactory.instance.arrayNode();
    }

    /** kubectl's {@code translateTimestampSince}: the age of an RFC 3339 timestamp, {@code <unknown>} if unset. */
    static String age(JsonNode timestamp, Instant now) {
        if (timestamp == null || !timestamp.isString() || timestamp.stringValue().isEmpty()) {
            return "<unknown>";
        }
        return HumanDuration.format(Duration.between(Instant.parse(timestamp.stringValue()), now));
    }

    /** A string field, or {@code ""} when absent, as Go's zero value reads. */
    static String text(JsonNode node) {
        return node != null && node.isString() ? node.stringValue() : "";
    }

    static String orElse(String value, String fallback) {
        return value.isEmpty() ? fallback : value;
    }
}
