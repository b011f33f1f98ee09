package dev.berth.shim.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

class KubeconfigWriterTest {

    @Test
    void oneClusterUserAndContextNamedAlike() {
        String yaml = KubeconfigWriter.render("https://127.0.0.1:6443", "-----BEGIN CERTIFICATE-----\nX\n", "t0k3n",
                "berth");

        JsonNode config = YAMLMapper.builder().build().readTree(yaml);
        assertThat(config.get("kind").stringValue()).isEqualTo("Config");
        assertThat(config.get("current-context").stringValue()).isEqualTo("berth");
        JsonNode cluster = config.get("clusters").get(0);
        assertThat(cluster.get("name").stringValue()).isEqualTo("berth");
        assertThat(cluster.at("/cluster/server").stringValue()).isEqualTo("https://127.0.0.1:6443");
        assertThat(new String(Base64.getDecoder().decode(cluster.at("/cluster/certificate-authority-data")
                .stringValue()), StandardCharsets.US_ASCII)).isEqualTo("-----BEGIN CERTIFICATE-----\nX\n");
        assertThat(config.at("/users/0/user/token").stringValue()).isEqualTo("t0k3n");
        assertThat(config.at("/contexts/0/context/cluster").stringValue()).isEqualTo("berth");
        assertThat(config.at("/contexts/0/context/user").stringValue()).isEqualTo("berth");
        assertThat(yaml.indexOf("apiVersion")).isLessThan(yaml.indexOf("clusters"));
    }
}
