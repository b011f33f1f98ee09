package dev.berth.shim.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which kubectls the tests run: stand-in executables that print the version JSON kubectl prints. */
class KubectlBinariesTest {

    @TempDir
    Path dir;

    private Path fakeKubectl(String dirName, String gitVersion) throws IOException {
        Path bin = Files.createDirectories(dir.resolve(dirName));
        Path kubectl = bin.resolve("kubectl");
        Files.writeString(kubectl, "#!/bin/sh\necho '{\"clientVersion\":{\"major\":\"1\",\"gitVersion\":\""
                + gitVersion + "\"}}'\n");
        Files.setPosixFilePermissions(kubectl, PosixFilePermissions.fromString("rwxr-xr-x"));
        return kubectl;
    }

    @Test
    void thePathsKubectlComesFirstAndDuplicatesByFileOrVersionRunOnce() throws IOException {
        Path onPath = fakeKubectl("path-bin", "v1.32.4-dispatcher");
        Path debian = fakeKubectl("debian", "v1.20.2");
        Path sameVersion = fakeKubectl("copy", "v1.20.2");
        Path link = Files.createSymbolicLink(dir.resolve("link-to-path-kubectl"), onPath);

        List<KubectlBinary> found = KubectlBinaries.find(dir.resolve("empty") + ":" + onPath.getParent(),
                debian + "::" + link + ":" + sameVersion);

        assertThat(found).containsExactly(new KubectlBinary(onPath.toRealPath(), "v1.32.4-dispatcher"),
                new KubectlBinary(debian.toRealPath(), "v1.20.2"));
    }

    @Test
    void aListedKubectlThatDoesNotExistIsNamed() {
        assertThatThrownBy(() -> KubectlBinaries.find(null, dir.resolve("missing").toString()))
                .hasMessageContaining("BERTH_KUBECTLS lists " + dir.resolve("missing"));
    }

    @ParameterizedTest
    @CsvSource({"v1.20.2, 20, false, false", "v1.25.0, 25, true, false", "v1.32.4-dispatcher, 32, true, true"})
    void versionDecidesWhatKubectlDoes(String version, int minor, boolean onServer, boolean explainsFromV3) {
        KubectlBinary binary = new KubectlBinary(Path.of("/bin/kubectl"), version);

        assertThat(binary.minor()).isEqualTo(minor);
        assertThat(binary.validatesOnServer()).isEqualTo(onServer);
        assertThat(binary.explainsFromV3()).isEqualTo(explainsFromV3);
    }
}
