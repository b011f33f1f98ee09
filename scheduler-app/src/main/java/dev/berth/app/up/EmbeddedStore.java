package dev.berth.app.up;

import dev.berth.store.LoopbackPorts;
import dev.berth.store.StoreServer;
import dev.berth.store.client.ClientOptions;
import dev.berth.store.client.Endpoint;
import dev.berth.store.client.InProcessStoreClient;
import dev.berth.store.client.RemoteStoreClient;
import dev.berth.store.client.StoreClient;
import dev.berth.store.server.StoreNodeConfig;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The store {@code berth up} runs in its own process: one member, or a Raft cluster of several on loopback. The
 * ports are chosen on the first start and kept in the data dir, because a member's identity includes its peer URL:
 * a restart must come back on the same one to find its cluster again.
 */
final class EmbeddedStore implements AutoCloseable {
    private static final String PORTS_FILE = "ports";

    private final List<StoreServer> members;
    private final StoreClient client;

    private EmbeddedStore(List<StoreServer> members, StoreClient client) {
        this.members = members;
        this.client = client;
    }

    static EmbeddedStore start(Path dir, int size) throws IOException {
        Files.createDirectories(dir);
        List<int[]> ports = ports(dir, size);
        Map<String, URI> cluster = new LinkedHashMap<>();
        for (int i = 0; i < size; i++) {
            cluster.put(name(i), URI.create("http://127.0.0.1:" + ports.get(i)[1]));
        }
        List<StoreServer> members = new ArrayList<>();
        try {
            for (int i = 0; i < size; i++) {
                URI clientUrl = URI.create("http://127.0.0.1:" + ports.get(i)[0]);
                StoreNodeConfig config = StoreNodeConfig.of(name(i), dir.resolve(name(i)), cluster.get(name(i)), cluster);
                members.add(StoreServer.start(new StoreServer.Settings(config, clientUrl, List.of(clientUrl.toString()))));
            }
        } catch (IOException | RuntimeException e) {
            members.forEach(StoreServer::close);
            throw e;
        }
        StoreClient client = size == 1 ? InProcessStoreClient.of(members.get(0))
                : RemoteStoreClient.connect(members.stream().map(m -> new Endpoint("127.0.0.1", m.clientPort())).toList(),
                        ClientOptions.defaults());
        return new EmbeddedStore(members, client);
    }

    private static String name(int i) {
        return "s" + (i + 1);
    }

    /** Client and peer port of each member: those recorded in the data dir, else new free ones (then recorded). */
    private static List<int[]> ports(Path dir, int size) throws IOException {
        Path file = dir.resolve(PORTS_FILE);
        List<int[]> ports = new ArrayList<>();
        if (Files.exists(file)) {
            for (String line : Files.readAllLines(file)) {
                String[] parts = line.trim().split("\\s+");
                if (parts.length == 2) {
                    ports.add(new int[] {Integer.parseInt(parts[0]), Integer.parseInt(parts[1])});
                }
            }
            if (ports.size() != size) {
                throw new IllegalArgumentException("--store-nodes " + size + ": the data dir " + dir.getParent()
                        + " holds a store of " + ports.size() + " member(s); use that number or a new --data-dir");
            }
            return ports;
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < size; i++) {
            int[] pair = {LoopbackPorts.free(), LoopbackPorts.free()};
            ports.add(pair);
            text.append(pair[0]).append(' ').append(pair[1]).append('\n');
        }
        Files.writeString(file, text);
        return ports;
    }

    StoreClient client() {
        return client;
    }

    /** The client URLs, for etcdctl. */
    List<String> clientUrls() {
        return members.stream().map(m -> "127.0.0.1:" + m.clientPort()).toList();
    }

    @Override
    public void close() {
        client.close();
        members.forEach(StoreServer::close);
    }
}
