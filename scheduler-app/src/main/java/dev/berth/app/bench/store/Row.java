package dev.berth.app.bench.store;

import java.util.List;

/**
 * One measured row of the table, run the same way against both systems. The KV rows are a closed loop of
 * unary calls ({@link KvRow}); rows that need a stream of their own (watch latency, lease keep-alive, once
 * Berth serves Watch and Lease) implement {@link #measure} themselves and join {@link #ALL}.
 */
public interface Row {
    /** Every row, in the order they run: the puts first, so the range rows read keys that exist. */
    List<Row> ALL = List.of(KvRow.values());

    /** The name printed in the table and the JSON. */
    String label();

    Measurement measure(Endpoints endpoints, Workload workload) throws Exception;
}
