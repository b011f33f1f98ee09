package dev.berth.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Exit codes and messages of the command line: 0 success, 1 runtime failure, 2 bad usage. */
class MainTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream oldOut;
    private PrintStream oldErr;

    @BeforeEach
    void capture() {
        oldOut = System.out;
        oldErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setOut(oldOut);
        System.setErr(oldErr);
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void helpListsTheCommands() {
        assertThat(Main.run("--help")).isZero();
        assertThat(stdout()).contains("Usage: berth").contains("bench");
    }

    @Test
    void noCommandIsAUsageError() {
        assertThat(Main.run()).isEqualTo(ExitCodes.USAGE);
        assertThat(stderr()).contains("missing command");
    }

    @Test
    void unknownFlagIsAUsageError() {
        assertThat(Main.run("bench", "--nodez", "3")).isEqualTo(ExitCodes.USAGE);
        assertThat(stderr()).contains("Unknown option").contains("'--nodez'");
    }

    @Test
    void unknownWorkloadNamesTheFlag() {
        assertThat(Main.run("bench", "--in-process", "--workload", "Nope")).isEqualTo(ExitCodes.USAGE);
        assertThat(stderr()).contains("--workload: unknown workload \"Nope\"");
    }

    @Test
    void badNumberNamesTheFlag() {
        assertThat(Main.run("bench", "--in-process", "--nodes", "0")).isEqualTo(ExitCodes.USAGE);
        assertThat(stderr()).contains("--nodes: must be at least 1, got 0");
    }

    @Test
    void negativeExplainHistoryNamesTheFlag() {
        assertThat(Main.run("bench", "--in-process", "--explain-history", "-1")).isEqualTo(ExitCodes.USAGE);
        assertThat(stderr()).contains("--explain-history: must not be negative, got -1");
    }

    @Test
    void smallInProcessBenchRecordingAttemptsSchedulesEveryPod() {
        assertThat(Main.run("bench", "--in-process", "--warmup-runs", "0", "--nodes", "20", "--pods", "50", "--timeout", "60", "--json",
                "--explain-history", "10")).isZero();
        assertThat(stdout()).contains("\"pods\":50,");
    }

    @Test
    void smallInProcessBenchOfTwoRunsReportsBothAverages() {
        assertThat(Main.run("bench", "--in-process", "--warmup-runs", "0", "--runs", "2", "--nodes", "20", "--pods", "50",
                "--timeout", "60", "--json")).isZero();
        String[] lines = stdout().trim().split("\n");
        assertThat(lines[lines.length - 1]).containsPattern("\"runAverages\":\\[[0-9.]+,[0-9.]+\\]");
    }

    @Test
    void smallInProcessBenchPrintsJsonLast() {
        assertThat(Main.run("bench", "--in-process", "--warmup-runs", "0", "--nodes", "20", "--pods", "50", "--timeout", "60", "--json")).isZero();
        String[] lines = stdout().trim().split("\n");
        assertThat(lines[lines.length - 1])
                .startsWith("{\"workload\":\"SchedulingBasic\",\"mode\":\"in-process\",\"profile\":\"default\",\"nodes\":20,\"pods\":50,")
                .contains("\"schedulingThroughput\":{\"average\":")
                .contains("\"attemptLatencyMs\":{\"p50\":")
                .contains("\"jitCompileSeconds\":");
    }
}
