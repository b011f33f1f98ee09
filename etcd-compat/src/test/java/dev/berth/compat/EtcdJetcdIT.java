package dev.berth.compat;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The same jetcd contract against a real etcd 3.4, which shows the assertions describe etcd. Skipped, with the
 * reason in the report, where etcd is not installed (CI installs it).
 */
class EtcdJetcdIT extends JetcdContract {
    private static final Path ETCD = Path.of("/usr/bin/etcd");

    @Override
    List<String> launcher() {
        assumeTrue(Files.isExecutable(ETCD), ETCD + " is missing (apt-get install etcd-server): the etcd run of the jetcd contract is skipped");
        return List.of(ETCD.toString());
    }
}
