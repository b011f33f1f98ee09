package dev.berth.testclusters;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives end-to-end tests the {@link RunningCluster} of the selected {@link ClusterTarget}, started once for the whole
 * run and torn down at its end. On a target that cannot run here every test method (not just its class) is reported
 * skipped with the target's reason, so a missing kind shows up per test and never as a silent pass. Tests take the
 * cluster as a parameter of {@code @BeforeEach} or {@code @Test} methods, which do not run for skipped tests.
 */
public final class ClusterTargetExtension implements ExecutionCondition, ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(ClusterTargetExtension.class);

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        ClusterTarget target = target(context);
        if (context.getTestMethod().isEmpty()) {
            return ConditionEvaluationResult.enabled("the test methods decide on cluster target " + target.name());
        }
        return target.unavailableReason().map(ConditionEvaluationResult::disabled)
                .orElseGet(() -> ConditionEvaluationResult.enabled("cluster target " + target.name()));
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == RunningCluster.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        ClusterTarget target = target(context);
        Startup startup = context.getRoot().getStore(NAMESPACE).computeIfAbsent(Startup.class,
                key -> Startup.of(target), Startup.class);
        if (startup instanceof Startup.Failed failed) {
            throw failed.failure();
        }
        return ((Startup.Up) startup).cluster();
    }

    /** The one attempt to start the cluster: kept when it fails too, so the other tests fail at once instead of retrying. */
    private sealed interface Startup extends AutoCloseable {
        record Up(RunningCluster cluster) implements Startup {
            @Override
            public void close() throws Exception {
                cluster.close();
            }
        }

        record Failed(IllegalStateException failure) implements Startup {
            @Override
            public void close() {
            }
        }

        static Startup of(ClusterTarget target) {
            try {
                return new Up(target.start());
            } catch (Exception e) {
                return new Failed(new IllegalStateException("cluster target " + target.name() + " did not start: "
                        + e.getMessage(), e));
            }
        }
    }

    private static ClusterTarget target(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE).computeIfAbsent(ClusterTarget.class,
                key -> TargetSelection.fromEnvironment(), ClusterTarget.class);
    }
}
