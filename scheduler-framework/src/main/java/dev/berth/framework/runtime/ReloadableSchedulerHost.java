package dev.berth.framework.runtime;

import dev.berth.framework.config.SchedulerConfiguration;
import java.util.function.Function;

/**
 * A {@link VertxSchedulerHost} whose configuration can be replaced while it runs. A reload builds every profile of
 * the new configuration first, so a configuration that cannot be built (a plugin's args fail validation, a profile
 * lacks a Bind plugin) changes nothing: the old profiles keep scheduling. Once built, the old host stops and the new
 * one starts with a fresh queue and cache, which its watches fill from the cluster: every pod still pending, queued
 * or waiting at Permit in the old host, is queued again (a watch starts with an add for each existing object), so
 * a reload drops none. A binding the old host had in flight either lands before the new host lists the pod (and it
 * counts as bound) or fails against the new host's binding of the same pod; the pod ends up bound once.
 */
public final class ReloadableSchedulerHost implements AutoCloseable {

    private final Function<SchedulerConfiguration, VertxSchedulerHost> hosts;
    private VertxSchedulerHost current;
    private boolean started;

    /**
     * @param hosts builds a (not yet started) host for a configuration
     * @throws dev.berth.framework.config.ConfigException if {@code initial} cannot be built
     */
    public ReloadableSchedulerHost(SchedulerConfiguration initial, Function<SchedulerConfiguration, VertxSchedulerHost> hosts) {
        this.hosts = hosts;
        this.current = hosts.apply(initial);
    }

    /** Starts scheduling with the current configuration. */
    public synchronized void start() {
        started = true;
        current.start();
    }

    /**
     * Replaces the running profiles with those of {@code config}; a host not started yet starts with them later.
     *
     * @throws dev.berth.framework.config.ConfigException if {@code config} cannot be built; the old profiles keep running
     */
    public synchronized void reload(SchedulerConfiguration config) {
        VertxSchedulerHost next = hosts.apply(config);
        VertxSchedulerHost previous = current;
        current = next;
        previous.close();
        if (started) {
            next.start();
        }
    }

    /** The host running now (a reload replaces it). */
    public synchronized VertxSchedulerHost current() {
        return current;
    }

    @Override
    public synchronized void close() {
        current.close();
    }
}
