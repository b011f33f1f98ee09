package dev.berth.app.cluster;

import dev.berth.framework.api.ClusterClient;
import dev.berth.framework.api.ClusterException;
import dev.berth.framework.api.ClusterWatcher;
import dev.berth.framework.api.EventRecord;
import dev.berth.framework.cluster.PodStatusChange;
import io.fabric8.kubernetes.api.model.Binding;
import io.fabric8.kubernetes.api.model.BindingBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.MicroTime;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.events.v1.EventBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scheduler's {@link ClusterClient} on any Kubernetes API (kind, a real cluster, Berth's shim) through fabric8:
 * one shared informer per kind, started on first use and synced before it answers, so lists and gets come from the
 * informer's cache as kube-scheduler's listers do; writes go straight to the API (pods/binding through the
 * {@code bindings} resource, status updates with optimistic concurrency, events.k8s.io/v1 events), each through the
 * client-side rate limit ({@code --kube-api-qps}/{@code --kube-api-burst}) that keeps a busy scheduler from flooding
 * the API server; informers list and watch outside it (their requests are few and long-lived). Events are posted off
 * the caller's thread through an {@link EventQueue}, as client-go's broadcaster posts them.
 */
public final class Fabric8ClusterClient implements ClusterClient, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Fabric8ClusterClient.class);
    private static final int STATUS_UPDATE_ATTEMPTS = 5;
    private static final Duration INFORMER_STOP_WAIT = Duration.ofSeconds(5);
    private static final DateTimeFormatter MICRO_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    private final KubernetesClient client;
    private final Duration syncTimeout;
    /** {@code null} when requests are not rate limited. */
    private final TokenBucket requestLimit;
    /** By kind: a model class's name, or {@code apiVersion/kind} for generic resources. */
    private final Map<String, SharedIndexInformer<?>> informers = new ConcurrentHashMap<>();
    private final EventQueue events;

    /** @param syncTimeout how long a kind's first list may take before calls on it fail as unavailable */
    public Fabric8ClusterClient(KubernetesClient client, Duration syncTimeout, ApiRateLimit rateLimit) {
        this.client = client;
        this.syncTimeout = syncTimeout;
        this.requestLimit = rateLimit.limited() ? new TokenBucket(rateLimit, System::nanoTime) : null;
        this.events = new EventQueue(EventQueue.DEFAULT_CAPACITY, EventQueue.DEFAULT_SENDERS,
                EventQueue.DEFAULT_MAX_WAIT, this::postEvent);
    }

    /** Whether every informer started so far has listed its kind once (the scheduler's readiness). */
    public boolean synced() {
        return informers.values().stream().allMatch(SharedIndexInformer::hasSynced);
    }

    /**
     * The workload kinds plugins ask for as {@link GenericKubernetesResource} (PodTopologySpread's default selector
     * reads the pod's ReplicaSet or StatefulSet), since the framework's model has no typed apps/v1 classes.
     */
    private static final List<String[]> GENERIC_KINDS = List.of(new String[] {"apps/v1", "ReplicaSet"},
            new String[] {"apps/v1", "StatefulSet"});

    @Override
    @SuppressWarnings("unchecked")
    public <T extends HasMetadata> List<T> list(Class<T> type) {
        if (type == GenericKubernetesResource.class) {
            List<T> all = new ArrayList<>();
            for (String[] kind : GENERIC_KINDS) {
                all.addAll((List<T>) genericInformer(kind[0], kind[1]).getStore().list());
            }
            return all;
        }
        return new ArrayList<>(informer(type).getStore().list());
    }

    @Override
    public <T extends HasMetadata> Optional<T> get(Class<T> type, String namespace, String name) {
        String key = Namespaced.class.isAssignableFrom(type) ? namespace + "/" + name : name;
        return Optional.ofNullable(informer(type).getStore().getByKey(key));
    }

    @Override
    public <T extends HasMetadata> Watch watch(Class<T> type, ClusterWatcher<T> watcher) {
        SharedIndexInformer<T> informer = informer(type);
        ResourceEventHandler<T> handler = new ResourceEventHandler<>() {
            @Override
            public void onAdd(T obj) {
                watcher.onAdd(obj);
            }

            @Override
            public void onUpdate(T oldObj, T newObj) {
                watcher.onUpdate(oldObj, newObj);
            }

            @Override
            public void onDelete(T obj, boolean deletedFinalStateUnknown) {
                watcher.onDelete(obj);
            }
        };
        // A handler added to a running informer first gets an add for every object it holds, as client-go's does.
        informer.addEventHandler(handler);
        return () -> informer.removeEventHandler(handler);
    }

    @Override
    public void bind(Pod pod, String nodeName) {
        Binding binding = new BindingBuilder()
                .withNewMetadata().withName(pod.getMetadata().getName()).withNamespace(pod.getMetadata().getNamespace())
                .withUid(pod.getMetadata().getUid()).endMetadata()
                .withTarget(new ObjectReferenceBuilder().withKind("Node").withApiVersion("v1").withName(nodeName).build())
                .build();
        call("binding pod " + describe(pod) + " to node " + nodeName, () ->
                client.bindings().inNamespace(pod.getMetadata().getNamespace()).resource(binding).create());
    }

    @Override
    public void updatePodStatus(Pod pod, PodCondition condition, String nominatedNodeName) {
        String what = "updating the status of pod " + describe(pod);
        for (int attempt = 1; ; attempt++) {
            Pod current = call(what, () -> client.pods().inNamespace(pod.getMetadata().getNamespace())
                    .withName(pod.getMetadata().getName()).get());
            if (current == null || !current.getMetadata().getUid().equals(pod.getMetadata().getUid())) {
                throw new ClusterException(ClusterException.Reason.NOT_FOUND, what + ": the pod is gone");
            }
            Pod changed = PodStatusChange.applied(current, condition, nominatedNodeName);
            try {
                call(what, () -> client.pods().inNamespace(changed.getMetadata().getNamespace()).resource(changed)
                        .updateStatus());
                return;
            } catch (ClusterException e) {
                if (e.reason() != ClusterException.Reason.CONFLICT || attempt == STATUS_UPDATE_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T extends HasMetadata> T update(T obj) {
        return call("updating " + obj.getKind() + " " + describe(obj), () -> client.resource(obj).update());
    }

    @Override
    public void deletePod(Pod pod) {
        call("deleting pod " + describe(pod), () -> client.pods().inNamespace(pod.getMetadata().getNamespace())
                .withName(pod.getMetadata().getName()).delete());
    }

    /** Queues the event and returns: a binding cycle does not wait for its "Scheduled" event to be written. */
    @Override
    public void recordEvent(EventRecord event) {
        events.offer(event);
    }

    private void postEvent(EventRecord event) {
        String namespace = event.regardingNamespace() == null || event.regardingNamespace().isEmpty()
                ? "default" : event.regardingNamespace();
        throttle();
        try {
            client.events().v1().events().inNamespace(namespace).resource(new EventBuilder()
                    .withNewMetadata().withNamespace(namespace)
                    .withName(event.regardingName() + "." + UUID.randomUUID().toString().substring(0, 8)).endMetadata()
                    .withRegarding(new ObjectReferenceBuilder().withKind(event.regardingKind()).withApiVersion("v1")
                            .withNamespace(event.regardingNamespace()).withName(event.regardingName())
                            .withUid(event.regardingUid()).build())
                    .withType(event.type()).withReason(event.reason()).withAction(event.action()).withNote(event.note())
                    .withReportingController(event.reportingController())
                    .withReportingInstance(event.reportingController())
                    .withEventTime(new MicroTime(MICRO_TIME.format(event.eventTime())))
                    .build()).create();
        } catch (KubernetesClientException e) {
            LOG.debug("event {} for {}/{} was not recorded: {}", event.reason(), namespace, event.regardingName(),
                    e.getMessage());
        }
    }

    /**
     * Sets annotations on a pod with a JSON merge patch (kube-scheduler-simulator's result annotations), leaving the
     * others as they are.
     */
    public void patchAnnotations(Pod pod, Map<String, String> annotations) {
        Pod patch = new PodBuilder().withNewMetadata().withAnnotations(annotations).endMetadata().build();
        call("annotating pod " + describe(pod), () -> client.pods().inNamespace(pod.getMetadata().getNamespace())
                .withName(pod.getMetadata().getName()).patch(PatchContext.of(PatchType.JSON_MERGE), patch));
    }

    /**
     * Drains the event queue, then stops the informers and waits (bounded) until their watches have closed: the
     * caller closes the Kubernetes client next, and a watch still closing on a stopped client's event loop failed
     * with "event executor terminated".
     */
    @Override
    public void close() {
        events.close();
        List<CompletableFuture<Void>> stopped = new ArrayList<>();
        for (SharedIndexInformer<?> informer : informers.values()) {
            informer.stop();
            stopped.add(informer.stopped().toCompletableFuture());
        }
        informers.clear();
        try {
            CompletableFuture.allOf(stopped.toArray(CompletableFuture[]::new)).get(INFORMER_STOP_WAIT.toMillis(),
                    TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.debug("informers not all stopped within {} ({}); closing the client anyway", INFORMER_STOP_WAIT, e.toString());
        }
    }

    private SharedIndexInformer<GenericKubernetesResource> genericInformer(String apiVersion, String kind) {
        return informer(apiVersion + "/" + kind,
                () -> client.genericKubernetesResources(apiVersion, kind).inAnyNamespace().runnableInformer(0));
    }

    private <T extends HasMetadata> SharedIndexInformer<T> informer(Class<T> type) {
        return informer(type.getName(), () -> Namespaced.class.isAssignableFrom(type)
                ? client.resources(type).inAnyNamespace().runnableInformer(0)
                : client.resources(type).runnableInformer(0));
    }

    /** The informer of {@code kind}, started on first use and synced before it answers. */
    @SuppressWarnings("unchecked")
    private <T> SharedIndexInformer<T> informer(String kind, Supplier<SharedIndexInformer<T>> runnable) {
        SharedIndexInformer<T> informer = (SharedIndexInformer<T>) informers.computeIfAbsent(kind, k -> {
            SharedIndexInformer<T> started = runnable.get();
            started.start();
            return started;
        });
        if (!informer.hasSynced()) {
            awaitSync(kind, informer);
        }
        return informer;
    }

    private void awaitSync(String kind, SharedIndexInformer<?> informer) {
        try {
            informer.start().toCompletableFuture().get(syncTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClusterException(ClusterException.Reason.UNAVAILABLE, "interrupted listing " + kind);
        } catch (ExecutionException | TimeoutException e) {
            throw new ClusterException(ClusterException.Reason.UNAVAILABLE, "listing " + kind
                    + " objects did not succeed within " + syncTimeout.toSeconds() + " s: " + e.getMessage()
                    + "; check the kubeconfig's server and the scheduler's RBAC rules", e);
        }
    }

    /**
     * One API call, once the rate limit lets it through: its failure as a {@link ClusterException} whose reason the
     * scheduler acts on.
     */
    private <R> R call(String what, Supplier<R> request) {
        throttle();
        try {
            return request.get();
        } catch (KubernetesClientException e) {
            throw new ClusterException(reason(e.getCode()), what + " failed: " + e.getMessage(), e);
        }
    }

    private void throttle() {
        if (requestLimit != null) {
            requestLimit.acquire();
        }
    }

    static ClusterException.Reason reason(int httpCode) {
        return switch (httpCode) {
            case 404 -> ClusterException.Reason.NOT_FOUND;
            case 409 -> ClusterException.Reason.CONFLICT;
            case 0, 429, 500, 502, 503, 504 -> ClusterException.Reason.UNAVAILABLE;
            default -> ClusterException.Reason.OTHER;
        };
    }

    private static String describe(HasMetadata obj) {
        String namespace = obj.getMetadata().getNamespace();
        return namespace == null ? obj.getMetadata().getName() : namespace + "/" + obj.getMetadata().getName();
    }
}
