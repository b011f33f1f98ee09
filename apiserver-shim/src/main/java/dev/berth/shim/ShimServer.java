package dev.berth.shim;

import dev.berth.shim.discovery.DiscoveryDocuments;
import dev.berth.shim.discovery.DiscoveryRoutes;
import dev.berth.shim.openapi.OpenApiRoutes;
import dev.berth.shim.error.ApiException;
import dev.berth.shim.resource.ResourceCatalog;
import dev.berth.shim.resource.ResourceType;
import dev.berth.shim.rest.ApiRoutes;
import dev.berth.shim.rest.GraceTimer;
import dev.berth.shim.rest.GuaranteedUpdate;
import dev.berth.shim.rest.Namespaces;
import dev.berth.shim.rest.ObjectDeleter;
import dev.berth.shim.rest.ObjectReader;
import dev.berth.shim.rest.ObjectWriter;
import dev.berth.shim.rest.PodBinder;
import dev.berth.shim.rest.PodEvictor;
import dev.berth.shim.rest.PriorityAdmission;
import dev.berth.shim.rest.Responses;
import dev.berth.shim.storage.ObjectStore;
import dev.berth.shim.watch.WatchService;
import dev.berth.store.client.StoreClient;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Kubernetes API shim: a Vert.x HTTP server with discovery, health and the resource endpoints, backed by the
 * store through a {@link StoreClient}. {@link #start} creates the system namespaces and priority classes if missing
 * and resumes pending graceful deletions, then listens.
 */
public final class ShimServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ShimServer.class);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    /**
     * Node heartbeats (Lease writes in kube-node-lease) are served by workers of their own, so a flood of other
     * requests queued for the shared workers never holds a node's Lease past its duration: kube-apiserver's API
     * Priority and Fairness gives them a priority level of their own (system-node-high) for the same reason.
     */
    private static final String NODE_LEASES = "/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases/*";
    private static final int NODE_LEASE_WORKER_THREADS = 64;
    private static final long BOOTSTRAP_RETRY_MILLIS = 200;
    /**
     * Resource requests served at once: each holds a worker thread while it waits for the store, so Vert.x's default
     * of 20 made a scheduler's binders and a client's writers queue for a thread rather than for the store, whose
     * Raft commits batch better the more writes arrive together (kube-apiserver admits 200 mutating requests).
     */
    static final int REQUEST_WORKERS = 64;

    private final Vertx vertx;
    private final HttpServer server;
    private final WatchService watches;

    private ShimServer(Vertx vertx, HttpServer server, WatchService watches) {
        this.vertx = vertx;
        this.server = server;
        this.watches = watches;
    }

    public static ShimServer start(ShimSettings settings, StoreClient client, ResourceCatalog catalog) {
        return start(settings, client, catalog, ShimExtensions.none());
    }

    public static ShimServer start(ShimSettings settings, StoreClient client, ResourceCatalog catalog,
                                   ShimExtensions extensions) {
        Vertx vertx = Vertx.vertx(new VertxOptions().setWorkerPoolSize(REQUEST_WORKERS));
        try {
            ObjectStore store = new ObjectStore(client, settings.storeTimeout());
            Namespaces namespaces = new Namespaces(store, catalog);
            PriorityAdmission priorities = new PriorityAdmission(store, catalog);
            ApiRoutes.Operations operations = operations(vertx, settings, catalog, store, namespaces, priorities);
            bootstrap(() -> {
                namespaces.bootstrap();
                priorities.bootstrap();
            });
            operations.deleter().resumeGracePeriods(required(catalog, "", "v1", "pods"));

            Router router = router(vertx, settings, catalog, extensions,
                    new ApiRoutes(catalog, operations, extensions.patcher(), extensions.renderer()));
            // No h2c upgrade on plain http, as kube-apiserver has none: Vert.x answered a large body of an upgraded
            // request with frames its clients refused (DiscoveryTest), and declining costs a client nothing.
            HttpServerOptions options = extensions.tls().apply(new HttpServerOptions()
                    .setHost(settings.host()).setPort(settings.port()).setHttp2ClearTextEnabled(false));
            HttpServer server = vertx.createHttpServer(options).requestHandler(router).listen()
                    .toCompletionStage().toCompletableFuture().get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            LOG.debug("Kubernetes API shim listening on {}:{}", settings.host(), server.actualPort());
            return new ShimServer(vertx, server, operations.watches());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            vertx.close();
            throw new IllegalStateException("interrupted while starting the API shim", e);
        } catch (ExecutionException | TimeoutException e) {
            vertx.close();
            throw new IllegalStateException("the API shim could not listen on " + settings.host() + ":"
                    + settings.port(), e);
        } catch (RuntimeException e) {
            vertx.close();
            throw e;
        }
    }

    /** The port the server listens on (the one picked when the settings asked for 0). */
    public int port() {
        return server.actualPort();
    }

    /**
     * Ends the open watches first (their clients see the stream end and re-watch elsewhere, and the store forgets
     * them), then stops serving: a store watch outliving the shim would later try to write through a closed Vert.x.
     */
    @Override
    public void close() {
        watches.endAll();
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("the API shim did not stop cleanly", e);
        }
    }

    /** The operations behind the endpoints, sharing one store, clock and optimistic-concurrency loop. */
    private static ApiRoutes.Operations operations(Vertx vertx, ShimSettings settings, ResourceCatalog catalog,
                                                   ObjectStore store, Namespaces namespaces,
                                                   PriorityAdmission priorities) {
        Clock clock = Clock.systemUTC();
        GraceTimer timer = (delay, task) -> vertx.setTimer(Math.max(1, delay.toMillis()),
                id -> vertx.executeBlocking(() -> {
                    task.run();
                    return null;
                }));
        GuaranteedUpdate updates = new GuaranteedUpdate(store);
        ObjectReader reader = new ObjectReader(store);
        ObjectDeleter deleter = new ObjectDeleter(store, catalog, namespaces, updates, timer, clock);
        return new ApiRoutes.Operations(reader, new ObjectWriter(store, updates, namespaces, deleter, priorities, clock), deleter,
                new PodBinder(updates, clock),
                new PodEvictor(reader, deleter, updates, required(catalog, "policy", "v1", "poddisruptionbudgets")),
                new WatchService(vertx, store, settings.bookmarkInterval(), settings.watchTimeout()));
    }

    private static Router router(Vertx vertx, ShimSettings settings, ResourceCatalog catalog,
                                 ShimExtensions extensions, ApiRoutes api) {
        Router router = Router.router(vertx);
        DiscoveryRoutes.installHealth(router);
        router.route().handler(extensions.authentication());
        new DiscoveryRoutes(new DiscoveryDocuments(catalog)).install(router);
        new OpenApiRoutes(catalog).install(router);
        for (String prefix : new String[] {"/api/*", "/apis/*"}) {
            for (HttpMethod method : new HttpMethod[] {HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH,
                    HttpMethod.DELETE}) {
                router.route(method, prefix).handler(BodyHandler.create(false).setBodyLimit(settings.maxBodyBytes()))
                        .failureHandler(ctx -> Responses.failure(ctx.response(), ctx.statusCode() == 413
                                ? ApiException.tooLarge(settings.maxBodyBytes())
                                : ApiException.badRequest("the request body could not be read")));
            }
            router.get(prefix).handler(ctx -> {
                if (ApiRoutes.wantsWebSocket(ctx.request())) {
                    api.upgradeWatch(ctx);
                } else {
                    ctx.next();
                }
            });
            if (prefix.equals("/apis/*")) {
                WorkerExecutor leaseWorkers = vertx.createSharedWorkerExecutor("berth-shim-node-leases",
                        NODE_LEASE_WORKER_THREADS);
                for (HttpMethod write : new HttpMethod[] {HttpMethod.PUT, HttpMethod.PATCH}) {
                    router.route(write, NODE_LEASES).handler(ctx -> leaseWorkers.executeBlocking(() -> {
                        api.handle(ctx);
                        return null;
                    }, false));
                }
            }
            router.route(prefix).blockingHandler(api::handle, false);
        }
        router.route().handler(ctx -> Responses.failure(ctx.response(), ApiException.unknownPath()));
        router.route().failureHandler(ctx -> {
            LOG.warn("{} {} failed", ctx.request().method(), ctx.request().path(), ctx.failure());
            Responses.failure(ctx.response(), ApiException.internal(String.valueOf(ctx.failure())));
        });
        return router;
    }

    /**
     * Creates what every cluster has (system namespaces and priority classes), waiting for the store to elect a
     * leader if it has just started.
     */
    private static void bootstrap(Runnable create) throws InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (true) {
            try {
                create.run();
                return;
            } catch (ApiException e) {
                if (e.code() < 500 || System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(BOOTSTRAP_RETRY_MILLIS);
            }
        }
    }

    private static ResourceType required(ResourceCatalog catalog, String group, String version, String resource) {
        return catalog.find(group, version, resource).orElseThrow(() -> new IllegalArgumentException(
                "the catalog serves no " + group + "/" + version + " " + resource));
    }
}
