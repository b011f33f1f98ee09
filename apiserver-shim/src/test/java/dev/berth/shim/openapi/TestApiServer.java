package dev.berth.shim.openapi;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.berth.shim.resource.ResourceCatalog;
import dev.berth.shim.resource.ResourceType;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Just enough of an apiserver for {@code kubectl apply} to run against the OpenAPI documents: version, legacy
 * discovery from the catalog, {@code /openapi/v3}, a 404 for every object GET and, for POST, strict field validation
 * when asked for, else 201 with the body echoed. Binds 127.0.0.1 only.
 */
final class TestApiServer implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final ResourceCatalog catalog;
    private final OpenApiDocuments documents;
    private final FieldValidation validation = new FieldValidation();
    private final HttpServer server;

    TestApiServer(ResourceCatalog catalog) throws IOException {
        this.catalog = catalog;
        this.documents = new OpenApiDocuments(catalog);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String query = Optional.ofNullable(exchange.getRequestURI().getQuery()).orElse("");
        if (exchange.getRequestMethod().equals("POST")) {
            create(exchange, path, query);
            return;
        }
        Optional<byte[]> body = get(path);
        if (body.isPresent()) {
            send(exchange, 200, body.get());
        } else {
            send(exchange, 404, status(404, "NotFound", "the server could not find the requested resource"));
        }
    }

    private Optional<byte[]> get(String path) {
        if (path.equals("/version")) {
            return Optional.of("{\"major\":\"1\",\"minor\":\"32\",\"gitVersion\":\"v1.32.0\"}".getBytes());
        }
        if (path.equals("/openapi/v3")) {
            return Optional.of(documents.v3Index());
        }
        if (path.startsWith("/openapi/v3/")) {
            return documents.v3Document(path.substring("/openapi/v3/".length()));
        }
        if (path.equals("/api")) {
            return Optional.of(JSON.writeValueAsBytes(Map.of("kind", "APIVersions", "versions", List.of("v1"))));
        }
        if (path.equals("/apis")) {
            return Optional.of(JSON.writeValueAsBytes(groups()));
        }
        return catalog.groupVersions().entrySet().stream()
                .flatMap(g -> g.getValue().stream().map(v -> catalog.inGroupVersion(g.getKey(), v)))
                .filter(types -> types.get(0).groupVersionPath().equals(path))
                .findFirst()
                .map(types -> JSON.writeValueAsBytes(resources(types)));
    }

    private ObjectNode groups() {
        ObjectNode list = NODES.objectNode().put("kind", "APIGroupList").put("apiVersion", "v1");
        ArrayNode groups = list.putArray("groups");
        catalog.groupVersions().forEach((group, versions) -> {
            if (group.isEmpty()) {
                return;
            }
            ObjectNode entry = groups.addObject().put("name", group);
            versions.forEach(v -> entry.withArray("versions").addObject().put("groupVersion", group + "/" + v)
                    .put("version", v));
            entry.putObject("preferredVersion").put("groupVersion", group + "/" + versions.get(0))
                    .put("version", versions.get(0));
        });
        return list;
    }

    private static ObjectNode resources(List<ResourceType> types) {
        ObjectNode list = NODES.objectNode().put("kind", "APIResourceList").put("apiVersion", "v1")
                .put("groupVersion", types.get(0).apiVersion());
        ArrayNode resources = list.putArray("resources");
        for (ResourceType type : types) {
            ObjectNode resource = resources.addObject().put("name", type.resource())
                    .put("singularName", type.singular()).put("namespaced", type.namespaced())
                    .put("kind", type.kind());
            ResourceType.VERBS.forEach(resource.putArray("verbs")::add);
            type.shortNames().forEach(resource.putArray("shortNames")::add);
        }
        return list;
    }

    private void create(HttpExchange exchange, String path, String query) throws IOException {
        JsonNode object = JSON.readTree(exchange.getRequestBody().readAllBytes());
        String resource = path.substring(path.lastIndexOf('/') + 1);
        ResourceType type = catalog.all().stream()
                .filter(t -> t.resource().equals(resource) && path.startsWith(t.groupVersionPath() + "/"))
                .findFirst().orElseThrow();
        List<String> unknown = validation.unknownFields(type, object);
        if (query.contains("fieldValidation=Strict") && !unknown.isEmpty()) {
            send(exchange, 400, status(400, "BadRequest", FieldValidation.strictDecodingMessage(type, unknown)));
        } else {
            send(exchange, 201, JSON.writeValueAsBytes(object));
        }
    }

    private static byte[] status(int code, String reason, String message) {
        return JSON.writeValueAsBytes(NODES.objectNode().put("kind", "Status").put("apiVersion", "v1")
                .put("status", "Failure").put("message", message).put("reason", reason).put("code", code));
    }

    private static void send(HttpExchange exchange, int code, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(code, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
