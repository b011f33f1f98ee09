package dev.berth.shim.clients;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.berth.shim.openapi.FieldValidation;
import dev.berth.shim.openapi.OpenApiDocuments;
import dev.berth.shim.openapi.OpenApiRoutes;
import dev.berth.shim.patch.PatchException;
import dev.berth.shim.patch.PatchType;
import dev.berth.shim.patch.Patcher;
import dev.berth.shim.resource.ResourceCatalog;
import dev.berth.shim.resource.ResourceType;
import dev.berth.shim.table.TableRequest;
import dev.berth.shim.table.TableWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * An in-memory stand-in for the shim's server, wiring the libraries as the server will: OpenAPI documents (v2 and
 * v3), strict field validation on create, Patcher on PATCH, TableWriter on lists asked for as Tables; plus legacy
 * discovery.
 * No watch, selectors or concurrency control; the status subresource reads and patches the whole object. Binds
 * 127.0.0.1 only.
 */
final class FakeApiServer implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final ResourceCatalog catalog = ResourceCatalog.standard();
    private final OpenApiDocuments documents = new OpenApiDocuments(catalog);
    private final FieldValidation validation = new FieldValidation();
    private final Patcher patcher = new Patcher();
    private final TableWriter tables = new TableWriter(Clock.systemUTC());
    private final Map<String, ObjectNode> objects = new ConcurrentHashMap<>();
    private final AtomicLong revision = new AtomicLong(1);
    private final HttpServer server;

    /** Where a request points: the type, the namespace ("" if none) and the name ("" for the collection). */
    private record Target(ResourceType type, String namespace, String name) {
        String itemKey(String objectName) {
            return type.qualifiedName() + "/" + namespace + "/" + objectName;
        }
    }

    FakeApiServer() throws IOException {
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

    /** Stores an object as if created, keyed by its kind, namespace and name. */
    void put(ObjectNode object) {
        ResourceType type = catalog.findByKind(object.get("apiVersion").stringValue(),
                object.get("kind").stringValue()).orElseThrow();
        JsonNode metadata = object.path("metadata");
        objects.put(new Target(type, metadata.path("namespace").asString(""), "").itemKey(
                metadata.get("name").stringValue()), object);
    }

    Optional<ObjectNode> get(String apiVersion, String kind, String namespace, String name) {
        ResourceType type = catalog.findByKind(apiVersion, kind).orElseThrow();
        return Optional.ofNullable(objects.get(new Target(type, namespace, "").itemKey(name)));
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String query = Optional.ofNullable(exchange.getRequestURI().getRawQuery()).orElse("");
        Optional<Target> target = target(path);
        if (target.isEmpty()) {
            Optional<byte[]> body = exchange.getRequestMethod().equals("GET")
                    ? fixed(path, exchange.getRequestHeaders().getFirst("Accept")) : Optional.empty();
            send(exchange, body.isPresent() ? 200 : 404, body.orElseGet(() -> notFound()));
            return;
        }
        switch (exchange.getRequestMethod()) {
            case "GET" -> read(exchange, target.get(), query);
            case "POST" -> create(exchange, target.get(), query);
            case "PATCH" -> patch(exchange, target.get(), query);
            default -> send(exchange, 405, status(405, "MethodNotAllowed", "method not allowed"));
        }
    }

    private void read(HttpExchange exchange, Target target, String query) throws IOException {
        Optional<TableRequest> table = TableWriter.negotiate(exchange.getRequestHeaders().getFirst("Accept"))
                .map(t -> t.withIncludeObject(TableRequest.IncludeObject.fromQuery(parameter(query,
                        "includeObject"))));
        List<ObjectNode> found = new ArrayList<>();
        if (!target.name().isEmpty()) {
            ObjectNode object = objects.get(target.itemKey(target.name()));
            if (object == null) {
                send(exchange, 404, notFound());
                return;
            }
            found.add(object);
        } else {
            String prefix = target.type().qualifiedName() + "/" + target.namespace();
            objects.entrySet().stream().filter(e -> e.getKey().startsWith(prefix)).sorted(Map.Entry.comparingByKey())
                    .forEach(e -> found.add(e.getValue()));
        }
        ObjectNode listMetadata = NODES.objectNode().put("resourceVersion", String.valueOf(revision.get()));
        if (table.isPresent()) {
            send(exchange, 200, JSON.writeValueAsBytes(tables.table(table.get(), target.type(), found,
                    listMetadata)));
        } else if (!target.name().isEmpty()) {
            send(exchange, 200, JSON.writeValueAsBytes(found.get(0)));
        } else {
            ObjectNode list = NODES.objectNode().put("kind", target.type().kind() + "List")
                    .put("apiVersion", target.type().apiVersion());
            list.set("metadata", listMetadata);
            ArrayNode items = list.putArray("items");
            found.forEach(items::add);
            send(exchange, 200, JSON.writeValueAsBytes(list));
        }
    }

    private void create(HttpExchange exchange, Target target, String query) throws IOException {
        ObjectNode object = (ObjectNode) JSON.readTree(exchange.getRequestBody().readAllBytes());
        List<String> unknown = validation.unknownFields(target.type(), object);
        if (parameter(query, "fieldValidation").equals("Strict") && !unknown.isEmpty()) {
            send(exchange, 400, status(400, "BadRequest",
                    FieldValidation.strictDecodingMessage(target.type(), unknown)));
            return;
        }
        ObjectNode metadata = object.withObject("metadata");
        if (target.type().namespaced()) {
            metadata.put("namespace", target.namespace());
        }
        metadata.put("uid", "uid-" + revision.incrementAndGet());
        metadata.put("resourceVersion", String.valueOf(revision.get()));
        metadata.put("creationTimestamp", Clock.systemUTC().instant().truncatedTo(
                java.time.temporal.ChronoUnit.SECONDS).toString());
        objects.put(target.itemKey(metadata.get("name").stringValue()), object);
        send(exchange, 201, JSON.writeValueAsBytes(object));
    }

    private void patch(HttpExchange exchange, Target target, String query) throws IOException {
        String key = target.itemKey(target.name());
        ObjectNode current = objects.get(key);
        Optional<PatchType> type = PatchType.fromContentType(exchange.getRequestHeaders().getFirst("Content-Type"));
        if (current == null || type.isEmpty()) {
            send(exchange, current == null ? 404 : 415, current == null ? notFound()
                    : status(415, "UnsupportedMediaType", "unsupported patch type"));
            return;
        }
        try {
            ObjectNode patched = patcher.apply(type.get(), target.type(), current,
                    exchange.getRequestBody().readAllBytes());
            List<String> unknown = validation.unknownFields(target.type(), patched);
            if (parameter(query, "fieldValidation").equals("Strict") && !unknown.isEmpty()) {
                send(exchange, 422, JSON.writeValueAsBytes(FieldValidation.strictPatchStatus(
                        JSON.writeValueAsString(patched), unknown)));
                return;
            }
            patched.withObject("metadata").put("resourceVersion", String.valueOf(revision.incrementAndGet()));
            objects.put(key, patched);
            send(exchange, 200, JSON.writeValueAsBytes(patched));
        } catch (PatchException e) {
            send(exchange, e.code(), JSON.writeValueAsBytes(e.status()));
        }
    }

    /** Resolves {@code /api/v1/namespaces/ns/pods/name} and the like against the catalog. */
    private Optional<Target> target(String path) {
        for (ResourceType type : catalog.all()) {
            String prefix = type.groupVersionPath() + "/";
            if (!path.startsWith(prefix)) {
                continue;
            }
            List<String> rest = Arrays.asList(path.substring(prefix.length()).split("/"));
            String namespace = "";
            if (type.namespaced() && rest.size() >= 3 && rest.get(0).equals("namespaces")) {
                namespace = rest.get(1);
                rest = rest.subList(2, rest.size());
            }
            boolean status = rest.size() == 3 && rest.get(2).equals("status");
            if (!rest.isEmpty() && rest.get(0).equals(type.resource()) && (rest.size() <= 2 || status)) {
                return Optional.of(new Target(type, namespace, rest.size() >= 2 ? rest.get(1) : ""));
            }
        }
        return Optional.empty();
    }

    private Optional<byte[]> fixed(String path, String accept) {
        if (path.equals("/version")) {
            return Optional.of("{\"major\":\"1\",\"minor\":\"32\",\"gitVersion\":\"v1.32.0\"}"
                    .getBytes(StandardCharsets.UTF_8));
        }
        if (path.equals("/openapi/v2")) {
            return Optional.of(OpenApiRoutes.asksForProtobuf(accept) ? documents.v2Protobuf() : documents.v2Json());
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
            if (!group.isEmpty()) {
                ObjectNode entry = groups.addObject().put("name", group);
                versions.forEach(v -> entry.withArray("versions").addObject().put("groupVersion", group + "/" + v)
                        .put("version", v));
                entry.putObject("preferredVersion").put("groupVersion", group + "/" + versions.get(0))
                        .put("version", versions.get(0));
            }
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

    private static String parameter(String query, String name) {
        for (String pair : query.split("&")) {
            String[] kv = pair.split("=", 2);
            if (kv[0].equals(name) && kv.length == 2) {
                return URLDecoder.decode(kv[1], StandardCharsets.UTF_8);
            }
        }
        return "";
    }

    private static byte[] notFound() {
        return status(404, "NotFound", "the server could not find the requested resource");
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
