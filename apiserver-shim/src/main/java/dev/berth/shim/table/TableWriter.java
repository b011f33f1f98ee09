package dev.berth.shim.table;

import dev.berth.shim.resource.ResourceType;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Server-side printing: objects as the {@code meta.k8s.io} Table that {@code kubectl get} asks for, with the columns
 * kube-apiserver prints for pods, nodes and core events, and NAME/AGE for everything else. Wide columns are always
 * included (priority 1), as the apiserver does; kubectl shows them with {@code -o wide}.
 */
public final class TableWriter {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final Clock clock;

    /** @param clock the "now" ages are measured to */
    public TableWriter(Clock clock) {
        this.clock = clock;
    }

    /** The Table an {@code Accept} header asks for; see {@link TableRequest#negotiate}. */
    public static Optional<TableRequest> negotiate(String acceptHeader) {
        return TableRequest.negotiate(acceptHeader);
    }

    /**
     * The Table of {@code objects} (a list, or one object for a GET of a single name).
     *
     * @param listMetadata the list's {@code metadata} (resourceVersion, continue, remainingItemCount)
     */
    public ObjectNode table(TableRequest request, ResourceType type, List<ObjectNode> objects,
                            ObjectNode listMetadata) {
        Printer printer = printerFor(type);
        Instant now = clock.instant();
        ObjectNode table = NODES.objectNode();
        table.put("kind", "Table");
        table.put("apiVersion", request.apiVersion());
        table.set("metadata", listMetadata.deepCopy());
        table.set("columnDefinitions", request.headers() ? columnDefinitions(printer) : NODES.nullNode());
        ArrayNode rows = table.putArray("rows");
        for (ObjectNode object : objects) {
            ObjectNode row = rows.addObject();
            ArrayNode cells = row.putArray("cells");
            printer.cells(object, now).forEach(cell -> cells.add(cell(cell)));
            ArrayNode conditions = printer.conditions(object);
            if (!conditions.isEmpty()) {
                row.set("conditions", conditions);
            }
            row.set("object", rowObject(request, object));
        }
        return table;
    }

    private static ArrayNode columnDefinitions(Printer printer) {
        ArrayNode columns = NODES.arrayNode();
        for (Column column : printer.columns()) {
            columns.addObject()
                    .put("name", column.name())
                    .put("type", column.type())
                    .put("format", column.format())
                    .put("description", column.description())
                    .put("priority", column.priority());
        }
        return columns;
    }

    private static JsonNode cell(Object value) {
        return value instanceof Number number ? NODES.numberNode(number.longValue()) : NODES.stringNode(
                value.toString());
    }

    private static JsonNode rowObject(TableRequest request, ObjectNode object) {
        return switch (request.includeObject()) {
            case NONE -> NODES.nullNode();
            case OBJECT -> object.deepCopy();
            case METADATA -> {
                ObjectNode partial = NODES.objectNode();
                partial.put("kind", "PartialObjectMetadata");
                partial.put("apiVersion", request.apiVersion());
                partial.set("metadata", object.path("metadata").deepCopy());
                yield partial;
            }
        };
    }

    private static Printer printerFor(ResourceType type) {
        if (!type.group().isEmpty()) {
            return new NameAgePrinter();
        }
        return switch (type.kind()) {
            case "Pod" -> new PodPrinter();
            case "Node" -> new NodePrinter();
            case "Event" -> new EventPrinter();
            default -> new NameAgePrinter();
        };
    }
}
