package dev.berth.store.linearizability;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;

/**
 * Records histories from a real, atomic in-memory map, so they are linearizable by construction: each operation gets
 * a random interval on a random client's timeline and a random instant inside it, and outputs come from applying the
 * operations to the map in the order of those instants. Intervals of different clients overlap freely.
 *
 * <p>A fraction of writes time out: recorded with an unknown outcome, and at random either never taking effect or
 * taking effect at an instant after their call, possibly after the client gave up. Values written are unique, so a
 * read names the write it saw.
 */
final class KvHistoryGenerator {

    /** An operation before its output is known; {@code ret} is when a timed-out client gave up. */
    private record Planned(int clientId, KvInput input, long call, long ret, long instant, boolean unknown,
            boolean takesEffect) {
    }

    /** Instants are drawn at this resolution inside an interval, so distinct operations rarely share one. */
    private static final long INSTANTS_PER_TICK = 1_000;
    /** How long after its client gave up a timed-out write may still take effect, as a lagging replica's might. */
    private static final long UNKNOWN_EFFECT_DELAY = 30;

    private final Random random;
    private final int clients;
    private final List<String> keys;
    private final double unknownRate;

    KvHistoryGenerator(Random random, int clients, List<String> keys, double unknownRate) {
        this.random = random;
        this.clients = clients;
        this.keys = List.copyOf(keys);
        this.unknownRate = unknownRate;
    }

    List<Operation<KvInput, Object>> generate(int operations) {
        List<Planned> plan = plan(operations);
        List<Integer> byInstant = new ArrayList<>();
        for (int i = 0; i < plan.size(); i++) {
            byInstant.add(i);
        }
        byInstant.sort(Comparator.comparingLong(i -> plan.get(i).instant()));
        Map<String, String> store = new HashMap<>();
        Object[] outputs = new Object[plan.size()];
        for (int i : byInstant) {
            if (plan.get(i).takesEffect()) {
                outputs[i] = apply(store, plan.get(i).input());
            }
        }
        List<Operation<KvInput, Object>> history = new ArrayList<>(plan.size());
        for (int i = 0; i < plan.size(); i++) {
            Planned p = plan.get(i);
            history.add(p.unknown()
                    ? Operation.unknownOutcome(p.clientId(), p.input(), p.call())
                    : new Operation<>(p.clientId(), p.input(), outputs[i], p.call(), p.ret()));
        }
        return history;
    }

    private List<Planned> plan(int operations) {
        long[] free = new long[clients];
        List<String> written = new ArrayList<>();
        List<Planned> plan = new ArrayList<>(operations);
        for (int n = 0; n < operations; n++) {
            int client = random.nextInt(clients);
            long call = free[client] + random.nextInt(4);
            long ret = call + 1 + random.nextInt(12);
            free[client] = ret;
            KvInput input = input(n, written);
            boolean unknown = !(input instanceof KvInput.Get) && random.nextDouble() < unknownRate;
            boolean takesEffect = !unknown || random.nextBoolean();
            long latest = unknown ? ret + UNKNOWN_EFFECT_DELAY : ret;
            long instant = call * INSTANTS_PER_TICK + random.nextInt((int) ((latest - call) * INSTANTS_PER_TICK) + 1);
            plan.add(new Planned(client, input, call, ret, instant, unknown, takesEffect));
        }
        return plan;
    }

    private KvInput input(int n, List<String> written) {
        String key = keys.get(random.nextInt(keys.size()));
        int kind = random.nextInt(20);
        if (kind < 10) {
            return new KvInput.Get(key);
        }
        String value = "v" + n;
        written.add(value);
        if (kind < 17 || written.size() < 2) {
            return new KvInput.Put(key, value);
        }
        String expected = random.nextInt(4) == 0 ? null : written.get(written.size() - 2 - random.nextInt(
                Math.min(3, written.size() - 1)));
        return new KvInput.Cas(key, expected, value);
    }

    /** Applies {@code input} to the store atomically and returns its output, as the real store would. */
    private static Object apply(Map<String, String> store, KvInput input) {
        if (input instanceof KvInput.Get get) {
            return store.get(get.key());
        }
        if (input instanceof KvInput.Put put) {
            store.put(put.key(), put.value());
            return null;
        }
        KvInput.Cas cas = (KvInput.Cas) input;
        boolean matches = Objects.equals(store.get(cas.key()), cas.expected());
        if (matches) {
            store.put(cas.key(), cas.value());
        }
        return matches;
    }
}
