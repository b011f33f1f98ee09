package dev.berth.app.up;

import dev.berth.shim.ShimServer;
import dev.berth.shim.ShimSettings;
import dev.berth.shim.StandardExtensions;
import dev.berth.shim.resource.ResourceCatalog;
import dev.berth.shim.security.KubeconfigWriter;
import dev.berth.shim.security.ServingCertificates;
import dev.berth.shim.security.TokenFile;
import io.fabric8.kubernetes.client.Config;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/**
 * The Kubernetes API of {@code berth up}: the embedded store, the shim in front of it over HTTPS with a generated CA
 * and an admin token, and the kubeconfig that carries both ({@code <data-dir>/kubeconfig}). Public so that tests of
 * the parts that talk to it (the scheduler, the node simulator) and the benchmarks run against the same API.
 */
public final class EmbeddedApi implements AutoCloseable {
    private final EmbeddedStore store;
    private final ShimServer shim;
    private final Path kubeconfig;

    private EmbeddedApi(EmbeddedStore store, ShimServer shim, Path kubeconfig) {
        this.store = store;
        this.shim = shim;
        this.kubeconfig = kubeconfig;
    }

    public static EmbeddedApi start(Path dataDir, int storeNodes, String host, int port) throws Exception {
        EmbeddedStore store = EmbeddedStore.start(dataDir.resolve("store"), storeNodes);
        try {
            ServingCertificates certificates = ServingCertificates.ensure(dataDir.resolve("pki"), List.of(host));
            Path tokenPath = dataDir.resolve("tokens.csv");
            TokenFile tokens = Files.exists(tokenPath) ? TokenFile.load(tokenPath) : TokenFile.generate(tokenPath);
            ShimServer shim = ShimServer.start(ShimSettings.defaults(host, port), store.client(),
                    ResourceCatalog.standard(), StandardExtensions.secure(certificates, tokens, Clock.systemUTC()));
            Path kubeconfig = dataDir.resolve("kubeconfig");
            KubeconfigWriter.write(kubeconfig, "https://" + host + ":" + shim.port(), certificates.caCertificatePem(),
                    tokens.adminToken().orElseThrow(() -> new IllegalStateException(tokenPath
                            + " holds no token of a system:masters user; delete it and berth up writes a new one")),
                    "berth");
            return new EmbeddedApi(store, shim, kubeconfig);
        } catch (Exception | Error e) {
            store.close();
            throw e;
        }
    }

    public Path kubeconfig() {
        return kubeconfig;
    }

    /** A fabric8 client configuration for this API, read from its kubeconfig (a fresh one each call, to adjust). */
    public Config clientConfig() throws IOException {
        return Config.fromKubeconfig(Files.readString(kubeconfig));
    }

    @Override
    public void close() {
        shim.close();
        store.close();
    }
}
