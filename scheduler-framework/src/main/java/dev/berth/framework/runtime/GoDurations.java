package dev.berth.framework.runtime;

import java.time.Duration;

/** Formats durations the way Go's {@code time.Duration.String()} does ("1m30s", "500ms"), for upstream-identical messages. */
final class GoDurations {

    private GoDurations() {
    }

    static String format(Duration d) {
        long nanos = d.toNanos();
        if (nanos == 0) {
            return "0s";
        }
        if (nanos < 1_000_000_000L) {
            if (nanos % 1_000_000 == 0) {
                return nanos / 1_000_000 + "ms";
            }
            if (nanos % 1_000 == 0) {
                return nanos / 1_000 + "µs";
            }
            return nanos + "ns";
        }
        StringBuilder sb = new StringBuilder();
        long hours = d.toHours();
        long minutes = d.toMinutesPart();
        if (hours > 0) {
            sb.append(hours).append('h');
        }
        if (hours > 0 || minutes > 0) {
            sb.append(minutes).append('m');
        }
        long secNanos = nanos % 60_000_000_000L;
        long secs = secNanos / 1_000_000_000L;
        long frac = secNanos % 1_000_000_000L;
        sb.append(secs);
        if (frac != 0) {
            String f = String.format("%09d", frac).replaceAll("0+$", "");
            sb.append('.').append(f);
        }
        return sb.append('s').toString();
    }
}
