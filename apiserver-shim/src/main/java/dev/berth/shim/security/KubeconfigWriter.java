package dev.berth.shim.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** Writes a kubeconfig for one cluster, user and context: what kubectl and fabric8 need to reach the shim. */
public final class KubeconfigWriter {

    private static final YAMLMapper YAML = YAMLMapper.builder().build();

    private KubeconfigWriter() {
    }

    /**
     * Writes {@code file} (mode 0600, replaced atomically) with the server URL, the CA that signed the serving
     * certificate (as {@code certificate-authority-data}) and the bearer token; cluster, user and context are all
     * named {@code contextName}, which is also the current context.
     */
    public static void write(Path file, String serverUrl, String caPem, String token, String contextName)
            throws IOException {
        SecureFiles.writeOwnerOnly(file, render(serverUrl, caPem, token, contextName));
    }

    static String render(String serverUrl, String caPem, String token, String contextName) {
        Map<String, Object> cluster = new LinkedHashMap<>();
        cluster.put("server", serverUrl);
        cluster.put("certificate-authority-data",
                Base64.getEncoder().encodeToString(caPem.getBytes(StandardCharsets.US_ASCII)));
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("apiVersion", "v1");
        config.put("kind", "Config");
        config.put("clusters", List.of(Map.of("name", contextName, "cluster", cluster)));
        config.put("users", List.of(Map.of("name", contextName, "user", Map.of("token", token))));
        config.put("contexts", List.of(Map.of("name", contextName,
                "context", Map.of("cluster", contextName, "user", contextName))));
        config.put("current-context", contextName);
        config.put("preferences", Map.of());
        return YAML.writeValueAsString(config);
    }
}
