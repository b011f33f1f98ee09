package dev.berth.shim.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenFileTest {

    @TempDir
    Path dir;

    @Test
    void readsKubeApiserversFormat() throws Exception {
        Path file = dir.resolve("tokens.csv");
        Files.writeString(file, """
                t1,alice,uid-1,"system:masters,devs"
                t2,bob,uid-2

                ,nobody,uid-0
                t3,"carol, jr",uid-3,viewers
                t2,bobby,uid-22
                t4,root,uid-4,system:masters
                """);

        TokenFile tokens = TokenFile.load(file);

        assertThat(tokens.users()).isEqualTo(Map.of(
                "t1", new TokenUser("alice", "uid-1", List.of("system:masters", "devs")),
                "t2", new TokenUser("bobby", "uid-22", List.of()),
                "t3", new TokenUser("carol, jr", "uid-3", List.of("viewers")),
                "t4", new TokenUser("root", "uid-4", List.of("system:masters"))));
        assertThat(tokens.adminToken()).as("the first administrator in the file").contains("t1");
    }

    @Test
    void tooFewColumnsNameTheFileAndLine() throws Exception {
        Path file = dir.resolve("tokens.csv");
        Files.writeString(file, "t1,alice,uid-1\nt2,bob\n");

        assertThatThrownBy(() -> TokenFile.load(file))
                .isInstanceOf(InvalidTokenFileException.class)
                .hasMessage("token file '" + file + "' line 2: must have at least 3 columns (token, user name, "
                        + "user uid), found 2");
    }

    @Test
    void unterminatedQuotesNameTheFileAndLine() throws Exception {
        Path file = dir.resolve("tokens.csv");
        Files.writeString(file, "t1,alice,uid-1,\"a,b\n");

        assertThatThrownBy(() -> TokenFile.load(file))
                .isInstanceOf(InvalidTokenFileException.class)
                .hasMessage("token file '" + file + "' line 1: unterminated quoted field");
    }

    @Test
    void generateWritesOneRandomAdminTokenOnlyOnce() throws Exception {
        Path file = dir.resolve("auth/tokens.csv");

        TokenFile first = TokenFile.generate(file);
        TokenFile second = TokenFile.generate(file);
        TokenFile elsewhere = TokenFile.generate(dir.resolve("other.csv"));

        assertThat(first.users()).hasSize(1);
        assertThat(first.users().values()).containsExactly(TokenFile.ADMIN);
        assertThat(first.adminToken().orElseThrow()).hasSizeGreaterThanOrEqualTo(40).doesNotContain(",");
        assertThat(second.users()).isEqualTo(first.users());
        assertThat(elsewhere.adminToken()).isNotEqualTo(first.adminToken());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }
}
