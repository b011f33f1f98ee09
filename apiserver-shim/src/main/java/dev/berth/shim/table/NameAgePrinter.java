package dev.berth.shim.table;

import java.time.Instant;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** NAME and AGE: every kind without a printer of its own. */
final class NameAgePrinter implements Printer {

    @Override
    public List<Column> columns() {
        return List.of(Column.NAME, Column.AGE);
    }

    @Override
    public List<Object> cells(JsonNode object, Instant now) {
        JsonNode metadata = object.path("metadata");
        return List.of(Printer.text(metadata.get("name")), Printer.age(metadata.get("creationTimestamp"), now));
    }
}
