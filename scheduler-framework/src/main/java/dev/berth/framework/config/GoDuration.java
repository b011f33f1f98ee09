package dev.berth.framework.config;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Map;

/**
 * Parses Go duration strings ({@code time.ParseDuration}) as Kubernetes configurations write them:
 * a sequence of decimal numbers, each with a unit, such as {@code "15s"}, {@code "1m30s"},
 * {@code "1.5h"} or {@code "100ms"}, optionally signed; {@code "0"} alone needs no unit.
 */
final class GoDuration {

    private static final String UNITS = "ns, us, ms, s, m or h";
    private static final Map<String, Long> NANOS_PER_UNIT = Map.of(
            "ns", 1L,
            "us", 1_000L,
            "\u00b5s", 1_000L,
            "\u03bcs", 1_000L,
            "ms", 1_000_000L,
            "s", 1_000_000_000L,
            "m", 60_000_000_000L,
            "h", 3_600_000_000_000L);
    private static final BigDecimal MAX_NANOS = BigDecimal.valueOf(Long.MAX_VALUE);

    private GoDuration() {
    }

    /**
     * The duration {@code text} denotes.
     *
     * @throws IllegalArgumentException saying what is wrong with {@code text}
     */
    static Duration parse(String text) {
        int pos = 0;
        boolean negative = false;
        if (!text.isEmpty() && (text.charAt(0) == '-' || text.charAt(0) == '+')) {
            negative = text.charAt(0) == '-';
            pos = 1;
        }
        if (text.substring(pos).equals("0")) {
            return Duration.ZERO;
        }
        if (pos == text.length()) {
            throw invalid(text, "expected a number followed by a unit (use " + UNITS + ")");
        }
        BigDecimal nanos = BigDecimal.ZERO;
        while (pos < text.length()) {
            int numberStart = pos;
            while (pos < text.length() && (Character.isDigit(text.charAt(pos)) || text.charAt(pos) == '.')) {
                pos++;
            }
            String number = text.substring(numberStart, pos);
            if (!number.matches("\\d+(\\.\\d*)?|\\.\\d+")) {
                throw invalid(text, "expected a number at offset " + numberStart);
            }
            int unitStart = pos;
            while (pos < text.length() && !Character.isDigit(text.charAt(pos)) && text.charAt(pos) != '.') {
                pos++;
            }
            String unit = text.substring(unitStart, pos);
            if (unit.isEmpty()) {
                throw invalid(text, "missing unit after " + number + " (use " + UNITS + ")");
            }
            Long unitNanos = NANOS_PER_UNIT.get(unit);
            if (unitNanos == null) {
                throw invalid(text, "unknown unit \"" + unit + "\" (use " + UNITS + ")");
            }
            nanos = nanos.add(new BigDecimal(number).multiply(BigDecimal.valueOf(unitNanos)));
        }
        // Go truncates fractions of a nanosecond and rejects what does not fit an int64 of nanoseconds.
        nanos = nanos.setScale(0, RoundingMode.DOWN);
        if (nanos.compareTo(MAX_NANOS) > 0) {
            throw invalid(text, "out of range");
        }
        long value = nanos.longValueExact();
        return Duration.ofNanos(negative ? -value : value);
    }

    private static IllegalArgumentException invalid(String text, String why) {
        return new IllegalArgumentException("invalid duration \"" + text + "\": " + why);
    }
}
