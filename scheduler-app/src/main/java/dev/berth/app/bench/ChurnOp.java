package dev.berth.app.bench;

import dev.berth.store.DaemonThreads;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * scheduler_perf's churn op in mode recreate: every interval, each template's object of the previous round is deleted
 * and a new one created, so the scheduler handles node, pod and service events while it is measured.
 */
final class ChurnOp implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ChurnOp.class);

    private final Workload.Churn churn;
    private final BenchTarget target;
    private final String schedulerName;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("berth-bench-churn"));
    private final List<HasMetadata> previous = new ArrayList<>();
    private int round;

    ChurnOp(Workload.Churn churn, BenchTarget target, String schedulerName) {
        this.churn = churn;
        this.target = target;
        this.schedulerName = schedulerName;
    }

    void start() {
        long period = churn.interval().toMillis();
        timer.scheduleAtFixedRate(this::recreate, 0, period, TimeUnit.MILLISECONDS);
    }

    private void recreate() {
        try {
            previous.forEach(target::delete);
            previous.clear();
            for (HasMetadata template : churn.templates()) {
                HasMetadata object = instance(template, round);
                target.create(object);
                previous.add(object);
            }
            round++;
        } catch (RuntimeException e) {
            // A failed round is churn that did not happen; the measured pods still tell whether the run worked.
            LOG.warn("bench churn round {} failed: {}", round, e.toString());
        }
    }

    private HasMetadata instance(HasMetadata template, int n) {
        String name = template.getMetadata().getGenerateName() + n;
        if (template instanceof Node node) {
            return new NodeBuilder(node).editMetadata().withName(name).withGenerateName(null).endMetadata().build();
        }
        if (template instanceof Pod pod) {
            return new PodBuilder(pod).editMetadata().withName(name).withGenerateName(null).withNamespace("default").endMetadata()
                    .editSpec().withSchedulerName(schedulerName).endSpec().build();
        }
        if (template instanceof Service service) {
            return new ServiceBuilder(service).editMetadata().withName(name).withGenerateName(null).withNamespace("default")
                    .endMetadata().build();
        }
        throw new IllegalStateException("churn cannot create a " + template.getKind());
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
