package dev.berth.store.linearizability;

import java.time.Duration;
import java.util.List;

/**
 * Turns check outcomes into text a person reading a failed test can follow without a debugger: every operation on
 * one line with its client, interval and the model's description of it.
 */
final class ReportWriter {

    /** The prefix can hold thousands of operations; the end of it is where the problem is. */
    private static final int PREFIX_LINES = 20;

    private ReportWriter() {
    }

    static String linearizable(int operations, int partitions) {
        return "LINEARIZABLE: " + operations + " operations in " + partitions + " partition(s)";
    }

    static String timedOut(Duration elapsed, String partition, int partitionSize, int finished, int partitions) {
        return "UNKNOWN: timed out after " + elapsed.toMillis() + " ms checking " + partition + " (" + partitionSize
                + " operations); " + finished + " of " + partitions + " partition(s) were linearizable before that";
    }

    static <S, I, O> String violation(Model<S, I, O> model, Violation<S, I, O> v) {
        StringBuilder out = new StringBuilder();
        out.append("NOT LINEARIZABLE: ").append(v.partition()).append(" (").append(v.history().size())
                .append(" operations)\n");
        List<Operation<I, O>> prefix = v.longestPrefix();
        out.append("Longest linearizable prefix found: ").append(prefix.size()).append(" operation(s), in order")
                .append(prefix.isEmpty() ? " (none)" : "").append('\n');
        int elided = Math.max(0, prefix.size() - PREFIX_LINES);
        if (elided > 0) {
            out.append("  ... ").append(elided).append(" earlier operation(s); Violation.longestPrefix() has them all\n");
        }
        for (int i = elided; i < prefix.size(); i++) {
            out.append(String.format("  %4d. ", i + 1)).append(line(model, prefix.get(i))).append('\n');
        }
        out.append("State after it: ").append(model.describeState(v.stateAfterPrefix())).append('\n');
        Operation<I, O> due = v.earliestReturn();
        out.append("Then something had to take effect before client ").append(due.clientId())
                .append("'s operation returned at ").append(due.returnTime())
                .append(", but no operation that could go next is legal in that state:\n");
        for (Operation<I, O> candidate : v.candidates()) {
            out.append("  ").append(line(model, candidate)).append('\n');
        }
        return out.toString();
    }

    private static <S, I, O> String line(Model<S, I, O> model, Operation<I, O> op) {
        String end = op.outcomeUnknown() ? "never returned" : Long.toString(op.returnTime());
        return "client " + op.clientId() + " [" + op.callTime() + ", " + end + "] " + model.describeOperation(op);
    }
}
