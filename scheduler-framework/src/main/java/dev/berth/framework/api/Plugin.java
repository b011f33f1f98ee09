package dev.berth.framework.api;

/**
 * The parent of every extension point. A plugin instance serves one scheduling profile and lives
 * as long as that profile; it may implement as many extension points as it likes.
 */
public interface Plugin {

    /** The plugin's registered name, e.g. {@code NodeResourcesFit}. Must equal its factory's name. */
    String name();
}
