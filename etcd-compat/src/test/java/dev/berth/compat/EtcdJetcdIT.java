package dev.berth.compat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The same jetcd contract against a real etcd 3.4, which shows the assertions describe etcd. Its tests are
 * skipped, with the reason in the report, where etcd is not installed (CI installs it).
 */
class EtcdJetcdIT extends JetcdContract {
    private static final Path ETCD = Path.of("/usr/bin/etcd");

    @Override
    List<String> launcher() {
        return List.of(ETCD.toString());
    }

    @Override
    Optional<String> unavailable() {
        return Files.isExecutable(ETCD) ? Optional.empty()
                : Optional.of(ETCD + " is missing (apt-get install etcd-server): the etcd run of the jetcd contract is skipped");
    }
}
