package dev.berth.framework.api;

import java.util.Objects;
import java.util.function.BiFunction;

/**
 * A {@link PluginFactory} in two lines, for the common case. {@link java.util.ServiceLoader} needs a
 * class with a public no-argument constructor, so subclass it:
 * <pre>{@code
 * public static final class Factory extends BasePluginFactory {
 *     public Factory() { super(NAME, (args, handle) -> new MyPlugin(args.decode(MyArgs.class), handle)); }
 * }
 * }</pre>
 */
public abstract class BasePluginFactory implements PluginFactory {

    private final String name;
    private final BiFunction<PluginArgs, Handle, Plugin> creator;

    protected BasePluginFactory(String name, BiFunction<PluginArgs, Handle, Plugin> creator) {
        this.name = Objects.requireNonNull(name, "name");
        this.creator = Objects.requireNonNull(creator, "creator");
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final Plugin create(PluginArgs args, Handle handle) {
        return creator.apply(args, handle);
    }
}
