package dev.berth.app.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MemberJvmOptionsTest {

    private static final long MIB = 1L << 20;

    @ParameterizedTest(name = "max heap {0} MiB, G1 {1}, young sized {2}: [{3}]")
    @CsvSource(delimiter = '|', textBlock = """
            6040 | true  | false | -Xmn1024m
            4096 | true  | false | -Xmn1024m
            3000 | true  | false | -Xmn750m
            2048 | true  | false | -Xmn512m
            2047 | true  | false |
            512  | true  | false |
            6040 | false | false |
            6040 | true  | true  |
            """)
    void sizesTheYoungGenerationToAQuarterOfTheHeapAtMostOneGibibyte(long maxHeapMib, boolean g1, boolean youngSized,
                                                                     String expected) {
        List<String> options = MemberJvmOptions.youngGeneration(maxHeapMib * MIB, g1, youngSized);

        assertThat(options).isEqualTo(expected == null ? List.of() : List.of(expected));
    }

    @Test
    void asksAJvmStartedWithTheGivenOptionsAndKeepsThemFirst() throws IOException {
        assertThat(probe("-Xmx4g")).containsExactly("-Xmx4g", "-Xmn1024m");
        assertThat(probe("-Xmx2g")).containsExactly("-Xmx2g", "-Xmn512m");
        assertThat(probe("-Xmx1g")).containsExactly("-Xmx1g");
    }

    @Test
    void addsNothingWhenTheGivenOptionsSizeTheYoungGenerationOrChooseAnotherCollector() throws IOException {
        assertThat(probe("-Xmx4g", "-Xmn256m")).containsExactly("-Xmx4g", "-Xmn256m");
        assertThat(probe("-Xmx4g", "-XX:NewRatio=3")).containsExactly("-Xmx4g", "-XX:NewRatio=3");
        assertThat(probe("-Xmx4g", "-XX:+UseSerialGC")).containsExactly("-Xmx4g", "-XX:+UseSerialGC");
    }

    @Test
    void takesOnlyTheOptionLinesWhenTheJvmPrintsToo() throws IOException {
        assertThat(probe("-Xmx4g", "-Xlog:gc:stdout")).containsExactly("-Xmx4g", "-Xlog:gc:stdout", "-Xmn1024m");
        assertThat(probe("-Xmx4g", "-XX:+PrintCommandLineFlags"))
                .containsExactly("-Xmx4g", "-XX:+PrintCommandLineFlags", "-Xmn1024m");
    }

    @Test
    void reportsAJvmThatCannotStartWithTheGivenOptions() {
        assertThatThrownBy(() -> probe("-XX:+NoSuchOption"))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("for a member's JVM options failed")
                .hasMessageContaining("NoSuchOption");
    }

    private static List<String> probe(String... options) throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        return MemberJvmOptions.withMemberOptions(java, classes(), List.of(options));
    }

    /** Where the class under test was loaded from: target/classes here, the jar in a build. */
    private static Path classes() {
        try {
            return Path.of(MemberJvmOptions.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
