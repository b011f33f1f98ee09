package dev.berth.framework.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The cases of upstream's v1 {@code TestMergePlugins} that apply to one extension point. */
class PluginSetMergerTest {

    private static final PluginSet DEFAULTS = enabled(ref("DefaultPlugin1"), ref("DefaultPlugin2"), ref("DefaultPlugin3"));

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("no custom plugins", DEFAULTS, PluginSet.empty(), DEFAULTS),
                Arguments.of("append custom plugin", DEFAULTS,
                        enabled(ref("CustomPlugin")),
                        enabled(ref("DefaultPlugin1"), ref("DefaultPlugin2"), ref("DefaultPlugin3"), ref("CustomPlugin"))),
                Arguments.of("insert after a disabled default", DEFAULTS,
                        new PluginSet(List.of(ref("CustomPlugin"), ref("DefaultPlugin2")), List.of("DefaultPlugin2")),
                        new PluginSet(List.of(ref("DefaultPlugin1"), ref("DefaultPlugin3"), ref("CustomPlugin"),
                                ref("DefaultPlugin2")), List.of("DefaultPlugin2"))),
                Arguments.of("insert before all defaults", DEFAULTS,
                        new PluginSet(List.of(ref("CustomPlugin"), ref("DefaultPlugin1"), ref("DefaultPlugin2"),
                                ref("DefaultPlugin3")), List.of("*")),
                        new PluginSet(List.of(ref("CustomPlugin"), ref("DefaultPlugin1"), ref("DefaultPlugin2"),
                                ref("DefaultPlugin3")), List.of("*"))),
                Arguments.of("reorder defaults", DEFAULTS,
                        new PluginSet(List.of(ref("DefaultPlugin3"), ref("DefaultPlugin1")), List.of("*")),
                        new PluginSet(List.of(ref("DefaultPlugin3"), ref("DefaultPlugin1")), List.of("*"))),
                Arguments.of("custom weight overrides a default in place", DEFAULTS,
                        enabled(new PluginRef("DefaultPlugin3", 3), new PluginRef("DefaultPlugin1", 2)),
                        enabled(new PluginRef("DefaultPlugin1", 2), ref("DefaultPlugin2"), new PluginRef("DefaultPlugin3", 3))),
                Arguments.of("re-enabling without a weight drops the default's weight",
                        enabled(new PluginRef("DefaultPlugin1", 5)),
                        enabled(ref("DefaultPlugin1")),
                        enabled(ref("DefaultPlugin1"))),
                Arguments.of("disable one default", DEFAULTS,
                        new PluginSet(List.of(), List.of("DefaultPlugin2")),
                        new PluginSet(List.of(ref("DefaultPlugin1"), ref("DefaultPlugin3")), List.of("DefaultPlugin2"))),
                Arguments.of("disable all defaults", DEFAULTS,
                        new PluginSet(List.of(), List.of("*")),
                        new PluginSet(List.of(), List.of("*"))),
                Arguments.of("defaults' own disabled names are kept",
                        new PluginSet(List.of(ref("DefaultPlugin1"), ref("DefaultPlugin2")), List.of("DefaultPlugin2")),
                        new PluginSet(List.of(), List.of("DefaultPlugin3")),
                        new PluginSet(List.of(ref("DefaultPlugin1")), List.of("DefaultPlugin3", "DefaultPlugin2"))),
                Arguments.of("custom plugins on an empty default set", PluginSet.empty(),
                        new PluginSet(List.of(ref("CustomPlugin")), List.of("*")),
                        new PluginSet(List.of(ref("CustomPlugin")), List.of("*"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void mergesLikeUpstream(String name, PluginSet defaults, PluginSet custom, PluginSet expected) {
        assertThat(PluginSetMerger.merge(defaults, custom)).isEqualTo(expected);
    }

    private static PluginRef ref(String name) {
        return PluginRef.of(name);
    }

    private static PluginSet enabled(PluginRef... plugins) {
        return new PluginSet(Arrays.asList(plugins), List.of());
    }
}
