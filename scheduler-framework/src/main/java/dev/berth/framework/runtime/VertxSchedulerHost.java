package dev.berth.framework.runtime;

import dev.berth.framework.api.ClusterClient;
import dev.berth.framework.config.SchedulerConfiguration;
import dev.berth.framework.metrics.SchedulerMetrics;
import dev.berth.framework.registry.PluginRegistry;
import io.vertx.core.AbstractVerticle;
import io.vertx.core.Context;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.ThreadingModel;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.time.Duration;
import java.time.InstantSource;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a {@link Scheduler} on Vert.x: the scheduling loop on one worker context (so it may block on
 * Filter fan-out without stalling an event loop), binding cycles on a Vert.x worker pool, Permit
 * timeouts as Vert.x timers, and the queue's upkeep as periodic timers. Filter and Score fan-out uses a
 * plain pool of {@code parallelism} threads: it hands off thousands of tiny chunks per second, where
 * Vert.x's {@code executeBlocking} bookkeeping per task cost more than the work.
 */
public final class VertxSchedulerHost implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(VertxSchedulerHost.class);

    private final Vertx vertx;
    private final ExecutorService filterPool;
    private final WorkerExecutor bindingPool;
    private final PluginTimeouts timeouts;
    private final Scheduler scheduler;
    private String deploymentId;
    private final AtomicBoolean closed = new AtomicBoolean();

    /**
     * Builds the scheduler; {@link #start()} starts it.
     *
     * @throws dev.berth.framework.config.ConfigException if a profile cannot be built
     */
    public VertxSchedulerHost(Vertx vertx, SchedulerConfiguration config, PluginRegistry registry, ClusterClient cluster,
                              SchedulerMetrics metrics, SchedulerOptions options) {
        this.vertx = vertx;
        this.filterPool = Executors.newFixedThreadPool(config.parallelism(), daemonThreads("berth-parallelizer-"));
        this.bindingPool = vertx.createSharedWorkerExecutor("berth-binding", options.bindingConcurrency(), 1, TimeUnit.HOURS);
        this.timeouts = new PluginTimeouts(Duration.ofMillis(100));
        FrameworkServices.Timers timers = (delay, action) -> {
            long id = vertx.setTimer(Math.max(1, delay.toMillis()), t -> action.run());
            return () -> vertx.cancelTimer(id);
        };
        try {
            this.scheduler = new Scheduler(config, registry, cluster, InstantSource.system(), metrics, options,
                    new ExecutorParallelizer(filterPool, config.parallelism()), executorOf(bindingPool), timers, timeouts);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** Vert.x worker pools as plain executors: unordered, so tasks run concurrently. */
    private static Executor executorOf(WorkerExecutor pool) {
        return task -> pool.executeBlocking(() -> {
            task.run();
            return null;
        }, false);
    }

    public Scheduler scheduler() {
        return scheduler;
    }

    /** Registers the cluster watches and starts the loop; completes once the loop is running. */
    public void start() {
        scheduler.start();
        var deployed = vertx.deployVerticle(new LoopVerticle(), new DeploymentOptions().setThreadingModel(ThreadingModel.WORKER));
        try {
            deploymentId = deployed.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not start the scheduling loop: " + e.getMessage(), e);
        }
    }

    /** The loop: schedules while the queue has ready pods, then sleeps until the queue signals one. */
    private final class LoopVerticle extends AbstractVerticle {

        private final AtomicBoolean idle = new AtomicBoolean();
        private volatile boolean stopped;
        private Context loopContext;

        @Override
        public void start() {
            loopContext = context;
            scheduler.queue().setOnActive(this::wake);
            vertx.setPeriodic(1000, id -> scheduler.flushBackoffQCompleted());
            vertx.setPeriodic(30_000, id -> scheduler.flushUnschedulablePodsLeftover());
            vertx.setPeriodic(1000, id -> scheduler.cleanupExpiredAssumedPods());
            loopContext.runOnContext(v -> runOnce());
        }

        private void wake() {
            if (idle.compareAndSet(true, false)) {
                loopContext.runOnContext(v -> runOnce());
            }
        }

        private void runOnce() {
            if (stopped) {
                return;
            }
            // Mark idle before popping: a pod that arrives after an empty pop then finds us idle and wakes us.
            idle.set(true);
            boolean worked;
            try {
                worked = scheduler.scheduleOne();
            } catch (RuntimeException e) {
                LOG.error("scheduling loop iteration failed", e);
                worked = true;
            }
            if (worked && idle.compareAndSet(true, false)) {
                loopContext.runOnContext(v -> runOnce());
            }
        }

        @Override
        public void stop() {
            stopped = true;
        }
    }

    @Override
    public void close() {
        // Idempotent: a leader that lost its lease closes its host at once, and the runtime closes it again on exit.
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (scheduler != null) {
            scheduler.close();
        }
        if (deploymentId != null) {
            try {
                vertx.undeploy(deploymentId).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                LOG.warn("scheduling loop did not stop cleanly: {}", e.getMessage());
            }
        }
        filterPool.shutdownNow();
        bindingPool.close();
        timeouts.close();
    }
}
