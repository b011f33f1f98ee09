package dev.berth.framework.config;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Merges a profile's plugin set into the default one, as upstream v1's {@code mergePluginSet} does. */
final class PluginSetMerger {

    private PluginSetMerger() {
    }

    /**
     * The defaults minus what {@code custom} disables ({@code "*"}: all of them), with a default that
     * {@code custom} enables again replaced in place by the custom entry (so it keeps its position and
     * takes the custom weight), followed by the other custom plugins in their order. The disabled names
     * are kept, because the framework's MultiPoint expansion must not add a plugin back to an extension
     * point where it was disabled.
     */
    static PluginSet merge(PluginSet defaults, PluginSet custom) {
        List<String> disabled = new ArrayList<>(custom.disabled());
        disabled.addAll(defaults.disabled());
        Set<String> disabledNames = new HashSet<>(disabled);
        Map<String, PluginRef> customByName = new LinkedHashMap<>();
        custom.enabled().forEach(p -> customByName.put(p.name(), p));

        List<PluginRef> enabled = new ArrayList<>();
        if (!disabledNames.contains(PluginSetReader.ALL_DEFAULTS)) {
            for (PluginRef plugin : defaults.enabled()) {
                if (!disabledNames.contains(plugin.name())) {
                    PluginRef replacement = customByName.remove(plugin.name());
                    enabled.add(replacement == null ? plugin : replacement);
                }
            }
        }
        enabled.addAll(customByName.values());
        return new PluginSet(enabled, disabled);
    }
}
