package dev.berth.app.store;

import dev.berth.app.UsageException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Parses etcd-style URL flags, naming the flag in every error. */
final class StoreFlags {
    private StoreFlags() {}

    /** A comma-separated list of http(s)://host:port URLs. */
    static List<URI> urls(String flag, String value) {
        List<URI> urls = new ArrayList<>();
        for (String part : value.split(",")) {
            urls.add(url(flag, part.trim()));
        }
        return urls;
    }

    static URI url(String flag, String value) {
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            throw new UsageException(flag + ": \"" + value + "\" is not a URL: " + e.getReason());
        }
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
            throw new UsageException(flag + ": \"" + value + "\" must start with http:// or https://");
        }
        if (uri.getHost() == null || uri.getPort() < 0) {
            throw new UsageException(flag + ": \"" + value + "\" needs a host and a port, e.g. http://127.0.0.1:2380");
        }
        return uri;
    }

    /** {@code --initial-cluster n1=http://127.0.0.1:2380,n2=...}: member name → peer URL, in order. */
    static Map<String, URI> initialCluster(String value) {
        Map<String, URI> cluster = new LinkedHashMap<>();
        for (String part : value.split(",")) {
            int eq = part.indexOf('=');
            if (eq <= 0) {
                throw new UsageException("--initial-cluster: \"" + part + "\" must be name=URL, e.g. n1=http://127.0.0.1:2380");
            }
            String name = part.substring(0, eq).trim();
            if (cluster.put(name, url("--initial-cluster", part.substring(eq + 1).trim())) != null) {
                throw new UsageException("--initial-cluster: member \"" + name + "\" is listed twice");
            }
        }
        return cluster;
    }
}
