package dev.berth.app.bench.store;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A system under test: how to launch one member. Both take etcd's flags, so everything after the launcher
 * (ports, data dir, timing) is the same command line for both.
 */
enum StoreSystem {
    BERTH("berth"),
    ETCD("etcd");

    private final String label;

    StoreSystem(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }

    /**
     * The command that starts one member, before etcd's flags. A Berth member gets {@code berthJavaOptions} as the
     * {@code berth} launcher gives its JVM {@code BERTH_JAVA_OPTS}.
     */
    List<String> launcher(Path berthJar, List<String> berthJavaOptions, Path etcdBinary) {
        return switch (this) {
            case BERTH -> {
                List<String> command = new ArrayList<>();
                command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
                command.addAll(berthJavaOptions);
                command.addAll(List.of("-Dchronicle.analytics.disable=true", "-jar", berthJar.toString(), "store"));
                yield List.copyOf(command);
            }
            case ETCD -> List.of(etcdBinary.toString());
        };
    }
}
