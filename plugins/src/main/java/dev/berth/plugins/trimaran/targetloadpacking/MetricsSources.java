package dev.berth.plugins.trimaran.targetloadpacking;

import dev.berth.framework.api.Handle;
import dev.berth.framework.api.InvalidArgsException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.util.Optional;

/** Creates the {@link NodeMetricsSource} the args' {@code metricsSource} names. */
final class MetricsSources {

    private static final String FIELD = "metricsSource";

    private MetricsSources() {
    }

    /**
     * An instance of {@code className}, through its public constructor taking a {@link Handle} if it has one, else
     * its public no-argument constructor.
     *
     * @throws InvalidArgsException naming {@code metricsSource} when the class is missing, is no
     *     {@link NodeMetricsSource}, has neither constructor, or its constructor throws
     */
    static NodeMetricsSource create(String className, Handle handle) {
        if (AnnotationMetricsSource.class.getName().equals(className)) {
            return new AnnotationMetricsSource();
        }
        Class<?> type;
        try {
            type = Class.forName(className, true, MetricsSources.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw invalid(className, "no such class on the scheduler's class path", e);
        }
        if (!NodeMetricsSource.class.isAssignableFrom(type)) {
            throw invalid(className, "not a " + NodeMetricsSource.class.getName(), null);
        }
        Optional<Constructor<?>> withHandle = withHandle(type);
        if (withHandle.isPresent()) {
            return (NodeMetricsSource) newInstance(withHandle.get(), handle);
        }
        try {
            return (NodeMetricsSource) newInstance(type.getConstructor());
        } catch (NoSuchMethodException e) {
            throw invalid(className, "needs a public constructor taking a Handle, or none", e);
        }
    }

    private static Optional<Constructor<?>> withHandle(Class<?> type) {
        try {
            return Optional.of(type.getConstructor(Handle.class));
        } catch (NoSuchMethodException e) {
            return Optional.empty();
        }
    }

    private static Object newInstance(Constructor<?> constructor, Object... args) {
        try {
            return constructor.newInstance(args);
        } catch (InvocationTargetException e) {
            throw invalid(constructor.getDeclaringClass().getName(), "its constructor threw " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw invalid(constructor.getDeclaringClass().getName(), "cannot be created: " + e, e);
        }
    }

    private static InvalidArgsException invalid(String className, String why, Throwable cause) {
        return new InvalidArgsException(FIELD, "Invalid value: \"" + className + "\": " + why, cause);
    }
}
