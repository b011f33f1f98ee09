package dev.berth.app.bench.store;

import java.util.List;

/**
 * One measured row of the table, run the same way against both systems. The KV rows are a closed loop of
 * unary calls ({@link KvRow}); the watch and lease rows run over streams of their own ({@link WatchRow},
 * {@link LeaseKeepAliveRow}).
 */
public interface Row {
    /** Every row, in the order they run: the puts first, so the range rows read keys that exist. */
    List<Row> ALL = List.of(KvRow.PUT, KvRow.LINEARIZABLE_RANGE, KvRow.SERIALIZABLE_RANGE, new WatchRow(), new LeaseKeepAliveRow());

    /** The name printed in the table and the JSON. */
    String label();

    Measurement measure(Endpoints endpoints, Workload workload) throws Exception;
}
