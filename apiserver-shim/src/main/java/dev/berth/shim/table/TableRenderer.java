package dev.berth.shim.table;

import dev.berth.shim.resource.ResourceType;
import dev.berth.shim.rest.ResponseRenderer;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Answers a get or list as a meta.k8s.io Table when the client asks for one ({@code kubectl get} does), so kubectl
 * prints the columns a real cluster would; any other request gets the object or list as it is.
 */
public final class TableRenderer implements ResponseRenderer {
    private final TableWriter writer;

    public TableRenderer(Clock clock) {
        this.writer = new TableWriter(clock);
    }

    @Override
    public ObjectNode render(ResourceType type, ObjectNode objectOrList, String accept) {
        Optional<TableRequest> request = TableWriter.negotiate(accept);
        if (request.isEmpty()) {
            return objectOrList;
        }
        JsonNode items = objectOrList.get("items");
        List<ObjectNode> objects = new ArrayList<>();
        if (items != null && items.isArray()) {
            items.forEach(item -> objects.add((ObjectNode) item));
            JsonNode metadata = objectOrList.get("metadata");
            return writer.table(request.get(), type, objects,
                    metadata instanceof ObjectNode listMetadata ? listMetadata : objectOrList.objectNode());
        }
        objects.add(objectOrList);
        return writer.table(request.get(), type, objects, objectOrList.objectNode());
    }
}
