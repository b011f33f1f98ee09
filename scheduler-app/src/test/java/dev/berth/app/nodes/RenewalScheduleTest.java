package dev.berth.app.nodes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Each node's phase in the heartbeat interval, its first write after registering, and the writes after that. */
class RenewalScheduleTest {
    private static final long EPOCH = 1_000_000_000L;
    private static final Duration INTERVAL = Duration.ofSeconds(10);
    private static final long S = 1_000_000_000L;

    @Test
    void nodesRegisteredAtTheEpochRenewEvenlySpreadOverTheInterval() {
        RenewalSchedule schedule = new RenewalSchedule(INTERVAL, EPOCH, 5);
        List<Long> dues = new ArrayList<>();
        for (int slot = 0; slot < 5; slot++) {
            dues.add(schedule.firstDue(slot, EPOCH) - EPOCH);
        }
        // Slot 0's phase is the epoch itself, so its first write is one interval on; the others are 2 s apart.
        assertThat(dues).containsExactly(10 * S, 2 * S, 4 * S, 6 * S, 8 * S);
    }

    @ParameterizedTest(name = "slot {0} of 4 registered {1} ms after the epoch: first write {2} ms after the epoch")
    @CsvSource({
        "0, 0, 10000",      // on its phase: the next one
        "1, 0, 2500",
        "1, 2499, 2500",
        "1, 2500, 12500",   // registered exactly on its phase: one interval later
        "3, 8000, 17500",
        "2, 123000, 125000",
        "5, 0, 2500",       // slots beyond the count wrap around
    })
    void theFirstWriteIsOnThePhaseWithinOneIntervalOfRegistering(int slot, long registeredMillis, long expectedMillis) {
        RenewalSchedule schedule = new RenewalSchedule(INTERVAL, EPOCH, 4);
        long registered = EPOCH + registeredMillis * 1_000_000;
        long due = schedule.firstDue(slot, registered);
        assertThat(due - EPOCH).isEqualTo(expectedMillis * 1_000_000);
        assertThat(due).isGreaterThan(registered).isLessThanOrEqualTo(registered + INTERVAL.toNanos());
    }

    @ParameterizedTest(name = "due at {0} s, now {1} s: next at {2} s")
    @CsvSource({
        "20, 20, 30",   // on time: one interval on
        "20, 25, 30",   // a little late: still the next phase
        "20, 30, 40",   // the next phase is now: it counts as passed
        "20, 47, 50",   // phases missed while the write waited are not caught up, the renewal stamped the time it ran
    })
    void theNextWriteIsTheNextPhaseStillAhead(long dueSeconds, long nowSeconds, long expectedSeconds) {
        RenewalSchedule schedule = new RenewalSchedule(INTERVAL, EPOCH, 4);
        assertThat(schedule.nextDue(dueSeconds * S, nowSeconds * S)).isEqualTo(expectedSeconds * S);
    }

    @Test
    void aZeroIntervalOrNoSlotsIsRefused() {
        assertThatThrownBy(() -> new RenewalSchedule(Duration.ZERO, EPOCH, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RenewalSchedule(INTERVAL, EPOCH, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
