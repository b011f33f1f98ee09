package dev.berth.framework.api;

/**
 * The parent of every extension point. A plugin instance serves one scheduling profile and lives
 * as long as that profile; it may implement as many extension points as it likes. A plugin that holds
 * something for its lifetime (a watch it started on the cluster) implements {@link AutoCloseable}: the
 * scheduler closes it when the profile goes away (scheduler shutdown, a config reload).
 */
public interface Plugin {

    /** The plugin's registered name, e.g. {@code NodeResourcesFit}. Must equal its factory's name. */
    String name();
}
