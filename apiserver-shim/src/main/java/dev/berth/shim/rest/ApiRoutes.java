package dev.berth.shim.rest;

import dev.berth.shim.error.ApiException;
import dev.berth.shim.error.StatusCause;
import dev.berth.shim.openapi.FieldValidation;
import dev.berth.shim.patch.ObjectPatcher;
import dev.berth.shim.resource.ResourceCatalog;
import dev.berth.shim.resource.ResourceType;
import dev.berth.shim.resource.ResourceType.Subresource;
import dev.berth.shim.select.FieldSelector;
import dev.berth.shim.select.Selection;
import dev.berth.shim.watch.ChunkedWatchSink;
import dev.berth.shim.watch.WatchRequest;
import dev.berth.shim.watch.WatchService;
import dev.berth.shim.watch.WatchSink;
import dev.berth.shim.watch.WebSocketWatchSink;
import dev.berth.store.client.StoreClientException;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The resource endpoints: maps a method and a resource URL to get, list, watch, create, update, patch, delete,
 * deletecollection, and the status, binding and eviction subresources. Handlers run on worker threads (the store
 * calls block); every failure is answered as a Status, none escapes to the server.
 */
public final class ApiRoutes {
    private static final Logger LOG = LoggerFactory.getLogger(ApiRoutes.class);

    /** What the endpoints act through. */
    public record Operations(ObjectReader reader, ObjectWriter writer, ObjectDeleter deleter, PodBinder binder,
                             PodEvictor evictor, WatchService watches) {
    }

    private static final Pattern BINDINGS = Pattern.compile("^/api/v1/namespaces/([^/]+)/bindings$");

    private final ResourceCatalog catalog;
    private final Operations ops;
    private final ObjectPatcher patcher;
    private final ResponseRenderer renderer;
    private final FieldValidation fieldValidation = new FieldValidation();

    public ApiRoutes(ResourceCatalog catalog, Operations ops, ObjectPatcher patcher, ResponseRenderer renderer) {
        this.catalog = catalog;
        this.ops = ops;
        this.patcher = patcher;
        this.renderer = renderer;
    }

    /** Whether the request asks to upgrade to a WebSocket (to be handled by {@link #upgradeWatch} on the event loop). */
    public static boolean wantsWebSocket(HttpServerRequest request) {
        return request.method() == HttpMethod.GET && "websocket".equalsIgnoreCase(request.getHeader("Upgrade"));
    }

    /** A watch over a WebSocket: validated here, upgraded, then started on a worker thread. */
    public void upgradeWatch(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        ApiPath path;
        ListOptions options;
        try {
            path = resolve(request);
            options = ListOptions.parse(path.type(), request.params());
            if (!options.watch()) {
                throw ApiException.badRequest("only watches are served over WebSocket");
            }
        } catch (ApiException e) {
            Responses.failure(ctx.response(), e);
            return;
        }
        request.toWebSocket().onSuccess(socket -> ctx.vertx().executeBlocking(() -> {
            watch(path, options, () -> new WebSocketWatchSink(socket));
            return null;
        }).onFailure(failure -> {
            LOG.debug("watch over WebSocket failed to start", failure);
            socket.close();
        })).onFailure(failure -> Responses.failure(ctx.response(),
                ApiException.badRequest("the WebSocket upgrade failed: " + failure.getMessage())));
    }

    /** Serves one resource request; blocks on the store, so runs on a worker thread. */
    public void handle(RoutingContext ctx) {
        HttpServerResponse response = ctx.response();
        try {
            dispatch(ctx);
        } catch (ApiException e) {
            Responses.failure(response, e);
        } catch (StoreClientException.Refused e) {
            Responses.failure(response, ApiException.internal(e.etcdMessage()));
        } catch (RuntimeException e) {
            LOG.warn("{} {} failed", ctx.request().method(), ctx.request().path(), e);
            Responses.failure(response, ApiException.internal(e.toString()));
        }
    }

    private void dispatch(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        Matcher bindings = BINDINGS.matcher(request.path());
        if (request.method() == HttpMethod.POST && bindings.matches()) {
            bindNamedPod(ctx, bindings.group(1));
            return;
        }
        ApiPath path = resolve(request);
        HttpMethod method = request.method();
        String sub = path.subresource();
        boolean objectOrStatus = !path.collection() && (sub.isEmpty() || sub.equals(Subresource.STATUS.path()));
        boolean dryRun = dryRun(request);
        boolean dryRunnable = (method == HttpMethod.POST && path.collection())
                || ((method == HttpMethod.PUT || method == HttpMethod.PATCH) && objectOrStatus)
                || (method == HttpMethod.DELETE && sub.isEmpty() && !path.collection());
        if (dryRun && !dryRunnable) {
            // Refused rather than ignored: a client asking for a dry run must never get a real write.
            throw ApiException.badRequest("dryRun is not supported for " + method.name() + " " + request.path()
                    + " by this server (only create, update, patch and delete of one object)");
        }
        if (method == HttpMethod.GET && (path.collection() || objectOrStatus)) {
            get(ctx, path);
        } else if (method == HttpMethod.POST && path.collection()) {
            requireNamespace(path);
            ObjectNode created = ops.writer().create(path, checkedFields(ctx, path.type(), body(ctx)), dryRun).object();
            Responses.json(ctx.response(), 201, created);
        } else if (method == HttpMethod.POST && sub.equals(Subresource.BINDING.path())) {
            ops.binder().bind(path, body(ctx));
            Responses.json(ctx.response(), 201, Responses.success(201));
        } else if (method == HttpMethod.POST && sub.equals(Subresource.EVICTION.path())) {
            ops.evictor().evict(path, body(ctx));
            Responses.json(ctx.response(), 201, Responses.success(201));
        } else if (method == HttpMethod.PUT && objectOrStatus) {
            Responses.json(ctx.response(), 200,
                    ops.writer().update(path, checkedFields(ctx, path.type(), body(ctx)), dryRun).object());
        } else if (method == HttpMethod.PATCH && objectOrStatus) {
            patch(ctx, path, dryRun);
        } else if (method == HttpMethod.DELETE && sub.isEmpty()) {
            delete(ctx, path, dryRun);
        } else {
            throw ApiException.methodNotAllowed();
        }
    }

    private void get(RoutingContext ctx, ApiPath path) {
        ListOptions options = ListOptions.parse(path.type(), ctx.request().params());
        String accept = ctx.request().getHeader("Accept");
        if (options.watch()) {
            watch(path, options, () -> new ChunkedWatchSink(ctx.response()));
        } else if (path.collection()) {
            ObjectNode list = ops.reader().list(path.type(), path.namespace(), options);
            Responses.json(ctx.response(), 200, renderer.render(path.type(), list, accept));
        } else {
            ObjectNode object = ops.reader().get(path.type(), path.namespace(), path.name()).object();
            Responses.json(ctx.response(), 200, renderer.render(path.type(), object, accept));
        }
    }

    private void watch(ApiPath path, ListOptions options, Supplier<WatchSink> sink) {
        Selection selection = options.selection();
        if (!path.collection()) {
            List<FieldSelector.Term> terms = new ArrayList<>(selection.fields().terms());
            terms.add(new FieldSelector.Term("metadata.name", true, path.name()));
            selection = new Selection(selection.labels(), new FieldSelector(terms));
        }
        String rv = options.resourceVersion();
        if (options.sendInitialEvents() && !options.allowWatchBookmarks()) {
            throw ApiException.invalid(path.type(), "", List.of(new StatusCause("FieldValueForbidden",
                    "Forbidden: sendInitialEvents requires setting allowWatchBookmarks to true", "allowWatchBookmarks")));
        }
        long after = options.sendInitialEvents() || rv.isEmpty() || rv.equals("0") ? WatchRequest.FROM_NOW
                : ListOptions.revision(rv);
        ops.watches().start(new WatchRequest(path.type(), path.namespace(), selection, after,
                options.allowWatchBookmarks(), options.sendInitialEvents(), options.timeoutSeconds()), sink);
    }

    /**
     * {@code POST /api/v1/namespaces/<ns>/bindings}: the older way to bind, still served by kube-apiserver and used
     * by fabric8's {@code bindings()}; the pod is the one the Binding's metadata names.
     */
    private void bindNamedPod(RoutingContext ctx, String namespace) {
        ObjectNode binding = body(ctx);
        String name = binding.path("metadata").path("name").asText("");
        if (name.isEmpty()) {
            throw ApiException.badRequest("a Binding needs metadata.name: the pod to bind");
        }
        ResourceType pods = catalog.find("", "v1", "pods").orElseThrow();
        ops.binder().bind(new ApiPath(pods, namespace, name, Subresource.BINDING.path()), binding);
        Responses.json(ctx.response(), 201, Responses.success(201));
    }

    private void patch(RoutingContext ctx, ApiPath path, boolean dryRun) {
        String mediaType = RequestBodies.mediaType(ctx.request().getHeader("Content-Type"));
        if (!patcher.supports(mediaType)) {
            throw ApiException.unsupportedMediaType(mediaType);
        }
        ObjectPatcher checked = new ObjectPatcher() {
            @Override
            public boolean supports(String type) {
                return patcher.supports(type);
            }

            @Override
            public ObjectNode apply(String type, ResourceType resource, ObjectNode current, byte[] body) {
                ObjectNode patched = patcher.apply(type, resource, current, body);
                List<String> unknown = unknownFields(ctx, resource, patched);
                if (!unknown.isEmpty()) {
                    throw ApiException.of(422, "Invalid",
                            FieldValidation.strictPatchStatus(patched.toString(), unknown).path("message").asText(),
                            List.of(new StatusCause("FieldValueInvalid", "strict decoding error: "
                                    + String.join(", ", unknown), "patch")));
                }
                return patched;
            }
        };
        Responses.json(ctx.response(), 200, ops.writer().patch(path, mediaType, bodyBytes(ctx), checked, dryRun).object());
    }

    /**
     * {@code fieldValidation}: Strict refuses an object with fields its kind lacks (kubectl's default for create,
     * replace and apply), Warn answers them in {@code Warning} headers, Ignore (and no parameter) drops them.
     */
    private ObjectNode checkedFields(RoutingContext ctx, ResourceType type, ObjectNode object) {
        List<String> unknown = unknownFields(ctx, type, object);
        if (!unknown.isEmpty()) {
            throw ApiException.badRequest(FieldValidation.strictDecodingMessage(type, unknown));
        }
        return object;
    }

    /** The unknown fields Strict validation refuses; under Warn they become warnings and this answers none. */
    private List<String> unknownFields(RoutingContext ctx, ResourceType type, ObjectNode object) {
        String mode = ctx.request().getParam("fieldValidation", "Ignore");
        if (mode.equalsIgnoreCase("Ignore")) {
            return List.of();
        }
        List<String> unknown = fieldValidation.unknownFields(type, object);
        if (mode.equalsIgnoreCase("Strict")) {
            return unknown;
        }
        FieldValidation.warnings(unknown).forEach(w -> ctx.response().headers().add("Warning", w));
        return List.of();
    }

    private void delete(RoutingContext ctx, ApiPath path, boolean dryRun) {
        byte[] bytes = bodyBytes(ctx);
        ObjectNode body = bytes.length == 0 ? null
                : RequestBodies.decode(RequestBodies.mediaType(ctx.request().getHeader("Content-Type")), bytes);
        DeleteOptions options = DeleteOptions.parse(body, ctx.request().getParam("gracePeriodSeconds"));
        if (path.collection()) {
            ListOptions list = ListOptions.parse(path.type(), ctx.request().params());
            Responses.json(ctx.response(), 200,
                    ops.deleter().deleteCollection(path.type(), path.namespace(), ops.reader(), list, options));
        } else {
            Deletion deletion = dryRun ? ops.deleter().preview(path.type(), path.namespace(), path.name(), options)
                    : ops.deleter().delete(path.type(), path.namespace(), path.name(), options);
            if (!deletion.removed()) {
                Responses.json(ctx.response(), 202, deletion.object().object());
            } else if (path.type().returnsDeletedObject()) {
                Responses.json(ctx.response(), 200, deletion.object().object());
            } else {
                Responses.json(ctx.response(), 200, Responses.deleted(path.type(), deletion.object().object()));
            }
        }
    }

    /** {@code dryRun=All} (the only directive kube-apiserver knows); any other value is refused, never ignored. */
    private static boolean dryRun(HttpServerRequest request) {
        List<String> values = request.params().getAll("dryRun");
        for (String value : values) {
            if (!value.equals("All")) {
                throw ApiException.badRequest("dryRun: Unsupported value: \"" + value + "\": supported values: \"All\"");
            }
        }
        return !values.isEmpty();
    }

    private ApiPath resolve(HttpServerRequest request) {
        ApiPath path = ApiPath.parse(request.path(), catalog);
        if (path.type().namespaced() && path.namespace().isEmpty() && !path.collection()) {
            throw ApiException.unknownPath();
        }
        return path;
    }

    private static void requireNamespace(ApiPath path) {
        if (path.type().namespaced() && path.namespace().isEmpty()) {
            throw ApiException.methodNotAllowed();
        }
    }

    private static ObjectNode body(RoutingContext ctx) {
        String mediaType = RequestBodies.mediaType(ctx.request().getHeader("Content-Type"));
        return RequestBodies.decode(mediaType, bodyBytes(ctx));
    }

    private static byte[] bodyBytes(RoutingContext ctx) {
        return ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes();
    }
}
