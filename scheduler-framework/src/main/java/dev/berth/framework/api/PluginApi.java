package dev.berth.framework.api;

/**
 * The version of this plugin API, which a plugin jar declares in its manifest so that a scheduler refuses a
 * jar built against an API it does not serve (instead of failing later with a {@link LinkageError} in the
 * middle of a scheduling cycle). The version goes up when a change breaks compiled plugins.
 *
 * <pre>{@code
 * Manifest-Version: 1.0
 * Berth-Plugin-Api: 1
 * }</pre>
 */
public final class PluginApi {

    /** The plugin API version this scheduler serves. */
    public static final int VERSION = 1;

    /** The manifest main attribute in which a plugin jar declares the API version it was built against. */
    public static final String MANIFEST_ATTRIBUTE = "Berth-Plugin-Api";

    private PluginApi() {
    }
}
