package dev.berth.app.scheduler;

import dev.berth.framework.config.LeaderElectionConfig;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfigBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElector;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaseLock;
import java.util.concurrent.CompletableFuture;

/**
 * Elects the one replica that schedules, through fabric8's LeaderElector on a coordination.k8s.io Lease (upstream's
 * {@code leaderElection} block; Berth's lock name by default, never kube-scheduler's). A leader that loses its lease
 * is told at once, so it can stop before another replica binds the same pods.
 */
final class SchedulerLeaderElection implements AutoCloseable {
    private final LeaderElector elector;
    private CompletableFuture<?> running;

    SchedulerLeaderElection(KubernetesClient client, LeaderElectionConfig config, String identity,
                            Runnable onStartedLeading, Runnable onStoppedLeading) {
        this.elector = client.leaderElector().withConfig(new LeaderElectionConfigBuilder()
                .withName(config.resourceName())
                .withLock(new LeaseLock(config.resourceNamespace(), config.resourceName(), identity))
                .withLeaseDuration(config.leaseDuration())
                .withRenewDeadline(config.renewDeadline())
                .withRetryPeriod(config.retryPeriod())
                .withReleaseOnCancel(true)
                .withLeaderCallbacks(new LeaderCallbacks(onStartedLeading, onStoppedLeading, newLeader -> { }))
                .build()).build();
    }

    void start() {
        running = elector.start();
    }

    @Override
    public void close() {
        if (running != null) {
            running.cancel(true);
        }
    }
}
