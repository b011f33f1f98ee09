package dev.berth.framework.runtime;

import dev.berth.framework.api.WaitingPod;
import dev.berth.framework.api.WaitingPods;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/** The pods a profile holds at Permit, by UID. */
final class WaitingPodsMap implements WaitingPods {

    private final Map<String, WaitingPodImpl> pods = new ConcurrentHashMap<>();

    void add(String uid, WaitingPodImpl pod) {
        pods.put(uid, pod);
    }

    void remove(String uid) {
        pods.remove(uid);
    }

    @Override
    public void forEach(Consumer<WaitingPod> action) {
        List.copyOf(pods.values()).forEach(action);
    }

    @Override
    public Optional<WaitingPod> get(String podUid) {
        return Optional.ofNullable(pods.get(podUid));
    }
}
