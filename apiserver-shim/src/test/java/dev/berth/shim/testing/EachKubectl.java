package dev.berth.shim.testing;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.Extension;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContextProvider;

/** The invocations of a {@link ForEachKubectl} test: one per kubectl, which it resolves as a parameter. */
final class EachKubectl implements TestTemplateInvocationContextProvider {

    @Override
    public boolean supportsTestTemplate(ExtensionContext context) {
        return context.getRequiredTestMethod().isAnnotationPresent(ForEachKubectl.class);
    }

    @Override
    public Stream<TestTemplateInvocationContext> provideTestTemplateInvocationContexts(ExtensionContext context) {
        return KubectlBinaries.all().stream().map(EachKubectl::invocation);
    }

    private static TestTemplateInvocationContext invocation(KubectlBinary binary) {
        return new TestTemplateInvocationContext() {
            @Override
            public String getDisplayName(int invocationIndex) {
                return binary.toString();
            }

            @Override
            public List<Extension> getAdditionalExtensions() {
                return List.of(new ParameterResolver() {
                    @Override
                    public boolean supportsParameter(ParameterContext parameter, ExtensionContext extension) {
                        return parameter.getParameter().getType() == KubectlBinary.class;
                    }

                    @Override
                    public Object resolveParameter(ParameterContext parameter, ExtensionContext extension) {
                        return binary;
                    }
                });
            }
        };
    }
}
