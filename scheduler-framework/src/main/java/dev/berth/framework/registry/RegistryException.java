package dev.berth.framework.registry;

/** The plugin registry could not be built: a jar or factory is broken, or two plugins share a name. */
public class RegistryException extends RuntimeException {

    public RegistryException(String message) {
        super(message);
    }

    public RegistryException(String message, Throwable cause) {
        super(message, cause);
    }
}
