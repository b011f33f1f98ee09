package dev.berth.app.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/** The highest heap in use seen over the samples taken (the benchmark samples once a second). */
public final class HeapSampler {
    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private long peak;

    public void sample() {
        peak = Math.max(peak, memory.getHeapMemoryUsage().getUsed());
    }

    public long peakBytes() {
        return peak;
    }
}
