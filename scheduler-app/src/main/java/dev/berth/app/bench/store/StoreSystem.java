package dev.berth.app.bench.store;

import java.nio.file.Path;
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

    /** The command that starts one member, before etcd's flags. */
    List<String> launcher(Path berthJar, Path etcdBinary) {
        return switch (this) {
            case BERTH -> List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Dchronicle.analytics.disable=true", "-jar", berthJar.toString(), "store");
            case ETCD -> List.of(etcdBinary.toString());
        };
    }
}
