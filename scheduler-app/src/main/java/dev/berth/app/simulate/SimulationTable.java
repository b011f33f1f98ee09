package dev.berth.app.simulate;

import dev.berth.framework.simulate.Outcome;
import dev.berth.framework.simulate.PodResult;
import dev.berth.framework.simulate.SimulationResult;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code berth simulate -o table}, for people: per pod a line with its node (or why it is pending), the
 * preemption if any, then one row per node with each Filter plugin's verdict, each Score plugin's score
 * and the final score.
 */
final class SimulationTable {

    private static final String INDENT = "  ";
    private static final String GAP = "  ";

    private SimulationTable() {
    }

    static String format(SimulationResult simulation) {
        StringBuilder out = new StringBuilder();
        for (PodResult r : simulation.results()) {
            out.append(r.pod()).append(": ").append(headline(r)).append('\n');
            if (r.nominatedNode() != null) {
                out.append(INDENT).append("preempted on ").append(r.nominatedNode()).append(": evicted ")
                        .append(r.victims().isEmpty() ? "nothing" : String.join(", ", r.victims())).append('\n');
            }
            if (!r.filter().isEmpty()) {
                appendRows(out, rows(r));
            }
        }
        return out.toString();
    }

    private static String headline(PodResult r) {
        if (r.status() == Outcome.SCHEDULED) {
            return r.node();
        }
        return (r.status() == Outcome.ERROR ? "Error: " : "Pending: ") + r.message();
    }

    private static List<List<String>> rows(PodResult r) {
        Set<String> filterPlugins = new LinkedHashSet<>();
        r.filter().values().forEach(v -> filterPlugins.addAll(v.keySet()));
        Set<String> scorePlugins = new LinkedHashSet<>();
        r.score().values().forEach(v -> scorePlugins.addAll(v.keySet()));
        List<List<String>> rows = new ArrayList<>();
        List<String> header = new ArrayList<>();
        header.add("NODE");
        header.addAll(filterPlugins);
        scorePlugins.forEach(p -> header.add("score:" + p));
        header.add("FINAL");
        rows.add(header);
        Set<String> nodes = new TreeSet<>(r.filter().keySet());
        for (String node : nodes) {
            List<String> row = new ArrayList<>();
            row.add(node);
            Map<String, String> verdicts = r.filter().get(node);
            filterPlugins.forEach(p -> row.add(verdicts.getOrDefault(p, "")));
            Map<String, Long> scores = r.score().getOrDefault(node, Map.of());
            scorePlugins.forEach(p -> row.add(scores.containsKey(p) ? scores.get(p).toString() : ""));
            Long total = r.finalScore().get(node);
            row.add(total == null ? "" : total.toString());
            rows.add(row);
        }
        return rows;
    }

    private static void appendRows(StringBuilder out, List<List<String>> rows) {
        int[] widths = new int[rows.get(0).size()];
        for (List<String> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder(INDENT);
            for (int i = 0; i < row.size(); i++) {
                line.append(row.get(i));
                if (i < row.size() - 1) {
                    line.append(" ".repeat(widths[i] - row.get(i).length())).append(GAP);
                }
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
    }
}
