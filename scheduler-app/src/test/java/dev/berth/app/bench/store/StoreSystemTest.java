package dev.berth.app.bench.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class StoreSystemTest {
    private static final Path JAR = Path.of("/opt/berth.jar");
    private static final Path ETCD = Path.of("/usr/bin/etcd");

    @Test
    void aBerthMemberGetsTheJavaOptionsBeforeTheJarAsTheLauncherPassesThem() {
        List<String> command = StoreSystem.BERTH.launcher(JAR, List.of("-XX:+UseSerialGC", "-Xmx1g"), ETCD);

        assertThat(command.get(0)).endsWith("/bin/java");
        assertThat(command.subList(1, 3)).containsExactly("-XX:+UseSerialGC", "-Xmx1g");
        assertThat(command.subList(3, command.size()))
                .containsExactly("-Dchronicle.analytics.disable=true", "-jar", JAR.toString(), "store");
    }

    @Test
    void etcdGetsNoneOfThem() {
        assertThat(StoreSystem.ETCD.launcher(JAR, List.of("-Xmx1g"), ETCD)).containsExactly(ETCD.toString());
    }
}
