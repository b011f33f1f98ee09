package dev.berth.shim.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BearerTokensTest {

    @TempDir
    Path dir;

    private BearerTokens tokens;

    @BeforeEach
    void tokens() throws Exception {
        Path file = dir.resolve("tokens.csv");
        Files.writeString(file, "secret-1,alice,u1,\"system:masters\"\nsecret-2,bob,u2\n");
        tokens = new BearerTokens(TokenFile.load(file));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "none", textBlock = """
            Bearer secret-1          | alice
            bearer secret-2          | bob
            BEARER secret-1 trailing | alice
            Bearer secret-3          | none
            Bearer secret-           | none
            Bearer secret-11         | none
            Bearer                   | none
            Basic c2VjcmV0LTE=       | none
            secret-1                 | none
            none                     | none
            """)
    void authenticatesKnownBearerTokensOnly(String header, String user) {
        assertThat(tokens.authenticate(header).map(TokenUser::name)).isEqualTo(Optional.ofNullable(user));
    }
}
