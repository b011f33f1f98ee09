package dev.berth.app.store;

import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.VMOption;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The JVM options a {@code berth store} member runs with on top of the ones it is given: a fixed young generation
 * of a quarter of the heap, at most 1 GiB.
 *
 * <p>Why: every write leaves long-lived objects on each member (its key-index entry, its Raft log entry until the
 * next snapshot), and G1, left to size the young generation itself, keeps it at a few hundred MB, so a busy member
 * stops for a young collection about once a second. A request waits out a pause on the member it was sent to and
 * on the leader, so with three members the pauses reach about 1% of requests and set the p99. With 1 GiB a member
 * collects a quarter as often, in less total pause time (docs/BENCHMARKS.md, "The members' young generation").
 * Below 2 GiB of heap the quarter would be smaller than what G1 picks on its own, and options that size the young
 * generation or choose another collector are the operator's call: then no option is added.
 *
 * <p>Run as a program in a JVM started with a member's options ({@code java OPTIONS -cp berth.jar
 * dev.berth.app.store.MemberJvmOptions}), it prints the options to add, one per line after {@value #LINE_PREFIX},
 * as that JVM sees its heap and collector. The {@code berth} launcher and {@code berth bench store} both ask it, so
 * a member starts the same way from either. It loads nothing but the JDK, so asking costs a JVM start (50 ms).
 */
public final class MemberJvmOptions {

    /** Marks the lines that carry an option, apart from whatever the JVM itself prints (-Xlog, flag listings). */
    static final String LINE_PREFIX = "member-jvm-option: ";

    static final long MAX_YOUNG_BYTES = 1L << 30;
    static final long MIN_YOUNG_BYTES = 512L << 20;

    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(30);

    private MemberJvmOptions() {
    }

    public static void main(String[] args) {
        for (String option : forThisJvm()) {
            System.out.println(LINE_PREFIX + option);
        }
    }

    /** The options to add for a JVM started like this one. */
    static List<String> forThisJvm() {
        HotSpotDiagnosticMXBean hotspot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        boolean g1 = Boolean.parseBoolean(hotspot.getVMOption("UseG1GC").getValue());
        boolean youngSized = Stream.of("NewSize", "MaxNewSize", "NewRatio")
                .anyMatch(flag -> hotspot.getVMOption(flag).getOrigin() == VMOption.Origin.VM_CREATION);
        return youngGeneration(Runtime.getRuntime().maxMemory(), g1, youngSized);
    }

    /**
     * @param maxHeapBytes the JVM's maximum heap
     * @param g1           whether it runs G1, the collector this sizing was measured with
     * @param youngSized   whether its options already size the young generation
     */
    static List<String> youngGeneration(long maxHeapBytes, boolean g1, boolean youngSized) {
        long young = Math.min(MAX_YOUNG_BYTES, maxHeapBytes / 4);
        if (!g1 || youngSized || young < MIN_YOUNG_BYTES) {
            return List.of();
        }
        return List.of("-Xmn" + (young >> 20) + "m");
    }

    /**
     * {@code options} followed by the options this class adds for a JVM started with them, asked of {@code java}
     * running {@code jar}: what a launcher written in Java gives a member it starts.
     *
     * @throws IOException if the probe cannot run or does not answer
     */
    public static List<String> withMemberOptions(Path java, Path jar, List<String> options) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(java.toString());
        command.addAll(options);
        command.addAll(List.of("-cp", jar.toString(), MemberJvmOptions.class.getName()));
        // Into a file, not a pipe: a probe that prints much (say -Xlog to stdout) can never block on a full pipe.
        Path output = Files.createTempFile("berth-member-jvm", ".txt");
        try {
            return options(command, output, options);
        } finally {
            Files.deleteIfExists(output);
        }
    }

    private static List<String> options(List<String> command, Path output, List<String> given) throws IOException {
        Process probe = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        try {
            boolean exited = probe.waitFor(PROBE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            List<String> lines = Files.readAllLines(output, StandardCharsets.UTF_8);
            if (!exited || probe.exitValue() != 0) {
                throw new IOException("asking `" + String.join(" ", command) + "` for a member's JVM options "
                        + (exited ? "failed: " + String.join(" / ", lines) : "timed out after " + PROBE_TIMEOUT));
            }
            List<String> all = new ArrayList<>(given);
            lines.stream().filter(line -> line.startsWith(LINE_PREFIX))
                    .map(line -> line.substring(LINE_PREFIX.length()).strip()).forEach(all::add);
            return List.copyOf(all);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while asking for a member's JVM options", e);
        } finally {
            probe.destroyForcibly();
        }
    }
}
