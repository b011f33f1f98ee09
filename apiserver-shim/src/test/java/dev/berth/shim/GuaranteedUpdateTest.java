package dev.berth.shim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.shim.error.ApiException;
import dev.berth.shim.json.Json;
import dev.berth.shim.resource.ResourceCatalog;
import dev.berth.shim.resource.ResourceType;
import dev.berth.shim.rest.GuaranteedUpdate;
import dev.berth.shim.storage.ObjectStore;
import dev.berth.shim.storage.RegistryKeys;
import dev.berth.shim.storage.StoredObject;
import dev.berth.store.client.StoreClient;
import dev.berth.store.etcd.pb.RangeRequest;
import dev.berth.store.etcd.pb.RangeResponse;
import com.google.protobuf.ByteString;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.ObjectNode;

/**
 * GuaranteedUpdate's first read is the member's local state, which may be older than the latest write: that first
 * guess must never decide the answer. Here the local reads of the store are made stale on purpose (a recorded older
 * answer), and every update still sees the object as last written.
 */
class GuaranteedUpdateTest {
    private static final ResourceType CONFIG_MAPS = ResourceCatalog.standard().find("", "v1", "configmaps").orElseThrow();
    private static final String KEY = RegistryKeys.key(CONFIG_MAPS, "default", "cm");

    @TempDir
    Path dir;
    private ShimFixture fixture;
    private ObjectStore store;
    /** What a local (serializable) read answers while set, whatever the store holds. */
    private final AtomicReference<RangeResponse> staleLocal = new AtomicReference<>();
    private GuaranteedUpdate updates;

    @BeforeEach
    void start() throws Exception {
        fixture = ShimFixture.start(dir);
        StoreClient real = fixture.client;
        StoreClient staleWhenLocal = (StoreClient) Proxy.newProxyInstance(StoreClient.class.getClassLoader(),
                new Class<?>[] {StoreClient.class}, (proxy, method, args) -> {
                    if (method.getName().equals("range") && ((RangeRequest) args[0]).getSerializable()
                            && staleLocal.get() != null) {
                        return CompletableFuture.completedFuture(staleLocal.get());
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        store = new ObjectStore(staleWhenLocal, Duration.ofSeconds(10));
        updates = new GuaranteedUpdate(store);
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void aStaleFirstReadDoesNotFailAnUpdateThatNamesTheLatestVersion() {
        write("v1");
        staleLocal.set(localAnswer());
        StoredObject latest = write("v2");
        String version = latest.object().path("metadata").path("resourceVersion").asString();

        StoredObject written = updates.run(CONFIG_MAPS, "default", "cm", requiringVersion(version, "v3"));
        assertThat(written.object().path("data").path("k").asString()).isEqualTo("v3");
    }

    @Test
    void aStaleFirstReadThatMissesTheObjectDoesNotAnswerNotFound() {
        staleLocal.set(localAnswer());
        write("v1");
        StoredObject written = updates.run(CONFIG_MAPS, "default", "cm", data("v2"));
        assertThat(written.object().path("data").path("k").asString()).isEqualTo("v2");
    }

    @Test
    void aChangeThatIsNoneOnAStaleReadIsDecidedOnTheLatestObject() {
        write("v1");
        staleLocal.set(localAnswer());
        write("v2");
        // On the stale read ("v1") setting "v1" changes nothing; on the latest it does.
        StoredObject written = updates.run(CONFIG_MAPS, "default", "cm", data("v1"));
        assertThat(written.object().path("data").path("k").asString()).isEqualTo("v1");
        assertThat(store.get(KEY).orElseThrow().object().path("data").path("k").asString()).isEqualTo("v1");
    }

    @Test
    void anUpdateNamingAnOlderVersionIsStillAConflict() {
        String old = write("v1").object().path("metadata").path("resourceVersion").asString();
        write("v2");
        assertThatThrownBy(() -> updates.run(CONFIG_MAPS, "default", "cm", requiringVersion(old, "v3")))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getMessage()).contains("cm"));
        assertThat(store.get(KEY).orElseThrow().object().path("data").path("k").asString()).isEqualTo("v2");
    }

    private RangeResponse localAnswer() {
        return fixture.client.range(RangeRequest.newBuilder().setKey(ByteString.copyFromUtf8(KEY))
                .build()).toCompletableFuture().join();
    }

    /** Creates the ConfigMap or replaces its data, through the store directly. */
    private StoredObject write(String value) {
        return store.get(KEY).map(current -> updates.run(CONFIG_MAPS, "default", "cm", data(value)))
                .orElseGet(() -> store.create(KEY, configMap(value)).orElseThrow());
    }

    private static ObjectNode configMap(String value) {
        ObjectNode object = Json.object();
        object.put("apiVersion", "v1");
        object.put("kind", "ConfigMap");
        Json.metadata(object).put("name", "cm").put("namespace", "default");
        object.putObject("data").put("k", value);
        return object;
    }

    private static Function<StoredObject, ObjectNode> data(String value) {
        return current -> {
            ObjectNode updated = current.object().deepCopy();
            updated.withObjectProperty("data").put("k", value);
            return updated;
        };
    }

    /** As a PUT that carries a resourceVersion: 409 unless it is the stored object's. */
    private static Function<StoredObject, ObjectNode> requiringVersion(String version, String value) {
        return current -> {
            if (!version.equals(current.object().path("metadata").path("resourceVersion").asString())) {
                throw ApiException.conflict(CONFIG_MAPS, "cm", "the object has been modified");
            }
            return data(value).apply(current);
        };
    }
}
