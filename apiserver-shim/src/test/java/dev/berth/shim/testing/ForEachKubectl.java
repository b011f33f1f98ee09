package dev.berth.shim.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A test run once per kubectl of {@link KubectlBinaries#all()}, named after its version; the test method and the
 * class's {@code @BeforeEach} methods may take the {@link KubectlBinary} as a parameter.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@TestTemplate
@ExtendWith(EachKubectl.class)
public @interface ForEachKubectl {
}
