package dev.berth.shim.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.shim.error.ApiException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class ContinueTokenTest {

    @Property(tries = 200)
    void roundTrips(@ForAll @LongRange(min = 1) long revision, @ForAll @StringLength(max = 80) String name) {
        String start = "ns/" + name.replace("..", "") + "\0";
        ContinueToken token = new ContinueToken(revision, start);
        assertThat(ContinueToken.decode(token.encode())).isEqualTo(token);
    }

    @Test
    void usesKubeApiserversEncoding() {
        String json = new String(Base64.getUrlDecoder().decode(new ContinueToken(42, "ns/a\0").encode()),
                StandardCharsets.UTF_8);
        assertThat(json).isEqualTo("{\"v\":\"meta.k8s.io/v1\",\"rv\":42,\"start\":\"ns/a\\u0000\"}");
    }

    @Test
    void rejectsTokensItDidNotIssue() {
        List<String> bad = List.of("", "!!!", encode("{}"), encode("{\"v\":\"meta.k8s.io/v1\",\"rv\":0,\"start\":\"a\"}"),
                encode("{\"v\":\"meta.k8s.io/v1\",\"rv\":5,\"start\":\"../secrets/x\"}"),
                encode("{\"v\":\"other\",\"rv\":5,\"start\":\"a\"}"), encode("[1]"));
        for (String token : bad) {
            assertThatThrownBy(() -> ContinueToken.decode(token)).as(token)
                    .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(400));
        }
    }

    private static String encode(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
