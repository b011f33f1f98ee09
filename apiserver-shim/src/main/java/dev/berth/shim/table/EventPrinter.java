package dev.berth.shim.table;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.JsonNode;

/** {@code kubectl get events} (core v1): LAST SEEN TYPE REASON OBJECT MESSAGE, wide adds the rest. */
final class EventPrinter implements Printer {

    @Override
    public List<Column> columns() {
        return List.of(
                Column.normal("Last Seen", "The time at which the most recent occurrence of this event was "
                        + "recorded."),
                Column.normal("Type", "Type of this event (Normal, Warning), new types could be added in the "
                        + "future"),
                Column.normal("Reason", "This should be a short, machine understandable string that gives the "
                        + "reason for the transition into the object's current status."),
                Column.normal("Object", "The object that this event is about."),
                Column.wide("Subobject", "If referring to a piece of an object instead of an entire object, this "
                        + "string should contain a valid JSON/Go field access statement, such as "
                        + "desiredState.manifest.containers[2]."),
                Column.wide("Source", "The component reporting this event. Should be a short machine "
                        + "understandable string."),
                Column.normal("Message", "A human-readable description of the status of this operation."),
                Column.wide("First Seen", "The time at which the event was first recorded. (Time of server receipt "
                        + "is in TypeMeta.)"),
                Column.wide("Count", "The number of times this event has occurred."),
                new Column("Name", "string", "name", Column.NAME_DESCRIPTION, 1));
    }

    @Override
    public List<Object> cells(JsonNode event, Instant now) {
        String firstSeen = Printer.age(event.get("firstTimestamp"), now);
        if (firstSeen.equals("<unknown>")) {
            firstSeen = Printer.age(event.get("eventTime"), now);
        }
        String lastSeen = Printer.age(event.get("lastTimestamp"), now);
        if (lastSeen.equals("<unknown>")) {
            lastSeen = firstSeen;
        }
        long count = event.path("count").asLong(0);
        JsonNode series = event.get("series");
        if (series != null && series.isObject()) {
            lastSeen = Printer.age(series.get("lastObservedTime"), now);
            count = series.path("count").asLong(0);
        } else if (count == 0) {
            count = 1;
        }
        JsonNode involved = event.path("involvedObject");
        String kind = Printer.text(involved.get("kind")).toLowerCase(Locale.ROOT);
        String name = Printer.text(involved.get("name"));
        return List.of(lastSeen, Printer.text(event.get("type")), Printer.text(event.get("reason")),
                name.isEmpty() ? kind : kind + "/" + name, Printer.text(involved.get("fieldPath")), source(event),
                Printer.text(event.get("message")).strip(), firstSeen, count,
                Printer.text(event.path("metadata").get("name")));
    }

    /** {@code component, host}, each falling back to the reporting controller and instance. */
    private static String source(JsonNode event) {
        JsonNode source = event.path("source");
        String component = Printer.orElse(Printer.text(source.get("component")),
                Printer.text(event.get("reportingComponent")));
        String instance = Printer.orElse(Printer.text(source.get("host")), Printer.text(event.get("reportingInstance")));
        return instance.isEmpty() ? component : component + ", " + instance;
    }
}
