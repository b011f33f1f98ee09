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
        Map<String, Object> config = ordered(
                "apiVersion", "v1",
                "kind", "Config",
                "clusters", List.of(ordered("name", contextName, "cluster", ordered(
                        "server", serverUrl,
                        "certificate-authority-data",
                        Base64.getEncoder().encodeToString(caPem.getBytes(StandardCharsets.US_ASCII))))),
                "users", List.of(ordered("name", contextName, "user", ordered("token", token))),
                "contexts", List.of(ordered("name", contextName, "context",
                        ordered("cluster", contextName, "user", contextName))),
                "current-context", contextName,
                "preferences", Map.of());
        return YAML.writeValueAsString(config);
    }

    /** A map keeping the order of its keys, so the file reads as kubectl writes kubeconfigs. */
    private static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
