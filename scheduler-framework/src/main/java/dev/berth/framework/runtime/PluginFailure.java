package dev.berth.framework.runtime;

/** A plugin threw; the message names the plugin, the extension point and the exception. */
final class PluginFailure extends RuntimeException {

    PluginFailure(String plugin, String extensionPoint, Throwable cause) {
        super("plugin \"" + plugin + "\" threw at " + extensionPoint + ": " + cause, cause);
    }
}
