package dev.berth.plugins.helper;

import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.Toleration;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/** Taint and toleration matching as upstream's {@code component-helpers/scheduling/corev1} defines it. */
public final class Taints {

    public static final String NO_SCHEDULE = "NoSchedule";
    public static final String NO_EXECUTE = "NoExecute";
    public static final String PREFER_NO_SCHEDULE = "PreferNoSchedule";

    private Taints() {
    }

    /**
     * True if {@code toleration} tolerates {@code taint}: an empty effect matches every effect, an
     * empty key with {@code Exists} matches every key, {@code Exists} ignores the value, and
     * {@code Equal} (the default operator) needs equal values.
     */
    public static boolean tolerates(Toleration toleration, Taint taint) {
        String effect = toleration.getEffect();
        if (effect != null && !effect.isEmpty() && !effect.equals(taint.getEffect())) {
            return false;
        }
        String key = toleration.getKey();
        String operator = toleration.getOperator() == null || toleration.getOperator().isEmpty() ? "Equal" : toleration.getOperator();
        if (key != null && !key.isEmpty() && !key.equals(taint.getKey())) {
            return false;
        }
        if ((key == null || key.isEmpty()) && !"Exists".equals(operator)) {
            return false;
        }
        return switch (operator) {
            case "Exists" -> true;
            case "Equal" -> nullToEmpty(toleration.getValue()).equals(nullToEmpty(taint.getValue()));
            default -> false;
        };
    }

    /** True if any of {@code tolerations} tolerates {@code taint}. */
    public static boolean tolerated(List<Toleration> tolerations, Taint taint) {
        if (tolerations != null) {
            for (Toleration t : tolerations) {
                if (tolerates(t, taint)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The first taint that passes {@code filter} and is not tolerated (upstream's FindMatchingUntoleratedTaint). */
    public static Optional<Taint> findMatchingUntoleratedTaint(List<Taint> taints, List<Toleration> tolerations, Predicate<Taint> filter) {
        if (taints != null) {
            for (Taint taint : taints) {
                if (filter.test(taint) && !tolerated(tolerations, taint)) {
                    return Optional.of(taint);
                }
            }
        }
        return Optional.empty();
    }

    /** Keeps NoSchedule and NoExecute taints: the ones that keep pods off a node. */
    public static boolean isNoScheduleOrNoExecute(Taint taint) {
        return NO_SCHEDULE.equals(taint.getEffect()) || NO_EXECUTE.equals(taint.getEffect());
    }

    /** A taint as upstream prints it in reasons: {@code {key: value}}. */
    public static String describe(Taint taint) {
        return "{" + taint.getKey() + ": " + nullToEmpty(taint.getValue()) + "}";
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
