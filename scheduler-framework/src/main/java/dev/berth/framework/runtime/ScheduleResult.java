package dev.berth.framework.runtime;

import dev.berth.framework.api.Status;

/** The result of the scheduling algorithm: a node, a FitError, or an error status. */
record ScheduleResult(String nodeName, FitError fitError, Status error) {

    static ScheduleResult scheduled(String nodeName) {
        return new ScheduleResult(nodeName, null, null);
    }

    static ScheduleResult fitError(FitError fitError) {
        return new ScheduleResult(null, fitError, null);
    }

    static ScheduleResult error(Status error) {
        return new ScheduleResult(null, null, error);
    }
}
