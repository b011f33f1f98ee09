package dev.berth.app.bench;

import java.lang.management.ManagementFactory;
import java.time.Duration;

/**
 * The time this JVM's JIT compilers have spent compiling, summed over their threads: on two cores the compiler
 * competes with the benchmark for the CPU, so a run's figures are read together with how much of it was compiling.
 */
final class JitCompileTime {
    private JitCompileTime() {
    }

    /** Compiling time since the JVM started; zero where the JVM does not report it. */
    static Duration total() {
        var jit = ManagementFactory.getCompilationMXBean();
        return jit != null && jit.isCompilationTimeMonitoringSupported()
                ? Duration.ofMillis(jit.getTotalCompilationTime()) : Duration.ZERO;
    }
}
