package dev.berth.framework.runtime;

import dev.berth.framework.api.Status;

/** The result of the scheduling algorithm: a node, a FitError, or an error status; and what it evaluated. */
record ScheduleResult(String nodeName, FitError fitError, Status error, CycleEvaluation evaluation) {

    static ScheduleResult scheduled(String nodeName, CycleEvaluation evaluation) {
        return new ScheduleResult(nodeName, null, null, evaluation);
    }

    static ScheduleResult fitError(FitError fitError, CycleEvaluation evaluation) {
        return new ScheduleResult(null, fitError, null, evaluation);
    }

    static ScheduleResult error(Status error) {
        return new ScheduleResult(null, null, error, CycleEvaluation.NONE);
    }
}
