package dev.berth.framework.api;

import java.util.Objects;
import java.util.Optional;

/** What a PostFilter plugin returns: its status and, on success, the node it nominated. */
public final class PostFilterResult {

    private final Status status;
    private final String nominatedNodeName;

    private PostFilterResult(Status status, String nominatedNodeName) {
        this.status = Objects.requireNonNull(status, "status");
        this.nominatedNodeName = nominatedNodeName;
    }

    /** Room was made on {@code nodeName}; the pod should be nominated there. */
    public static PostFilterResult nominate(String nodeName) {
        return new PostFilterResult(Status.SUCCESS, Objects.requireNonNull(nodeName, "nodeName"));
    }

    /** The plugin could not help, or failed; no nomination. */
    public static PostFilterResult of(Status status) {
        return new PostFilterResult(status, null);
    }

    public Status status() {
        return status;
    }

    public Optional<String> nominatedNodeName() {
        return Optional.ofNullable(nominatedNodeName);
    }
}
