package dev.berth.app.bench.store;

import dev.berth.app.UsageException;
import java.util.List;

/**
 * One measured row of the table, run the same way against both systems. The KV rows are a closed loop of
 * unary calls ({@link KvRow}); the watch and lease rows run over streams of their own ({@link WatchRow},
 * {@link LeaseKeepAliveRow}).
 */
public interface Row {
    /**
     * Every row, in the order they run: the puts first, so the range rows read keys that exist. A method, not a
     * constant: a constant here would make initializing {@link KvRow} first (it inherits a default method, so it
     * initializes this interface) read its own constants while they are still null.
     */
    static List<Row> all() {
        return List.of(KvRow.PUT, KvRow.LINEARIZABLE_RANGE, KvRow.SERIALIZABLE_RANGE, new WatchRow(), new LeaseKeepAliveRow());
    }

    /** The name printed in the table and the JSON. */
    String label();

    /** The name {@code --rows} selects this row by: its label with dashes for spaces. */
    default String flagName() {
        return label().replace(' ', '-');
    }

    /** The rows named in {@code names}, in the order they run; an unknown name is a usage error listing the known ones. */
    static List<Row> named(List<String> names) {
        List<Row> all = all();
        List<String> known = all.stream().map(Row::flagName).toList();
        for (String name : names) {
            if (!known.contains(name)) {
                throw new UsageException("--rows: no row " + name + "; the rows are " + String.join(",", known));
            }
        }
        return all.stream().filter(row -> names.contains(row.flagName())).toList();
    }

    Measurement measure(Endpoints endpoints, Workload workload) throws Exception;
}
