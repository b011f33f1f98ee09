package dev.berth.framework.api;

import java.util.Optional;
import java.util.function.Consumer;

/** The pods currently held at Permit by this profile. */
public interface WaitingPods {

    /** Calls {@code action} for each waiting pod (a snapshot: pods may leave meanwhile). */
    void forEach(Consumer<WaitingPod> action);

    /** The waiting pod with this UID, if any. */
    Optional<WaitingPod> get(String podUid);
}
