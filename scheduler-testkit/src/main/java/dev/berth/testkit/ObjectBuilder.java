package dev.berth.testkit;

import java.util.LinkedHashMap;
import java.util.Map;

/** What the test kit's node and pod builders share: a name, labels and annotations. */
abstract class ObjectBuilder<B extends ObjectBuilder<B>> {

    protected final String name;
    protected final Map<String, String> labels = new LinkedHashMap<>();
    protected final Map<String, String> annotations = new LinkedHashMap<>();

    ObjectBuilder(String name) {
        this.name = name;
    }

    /** This builder, typed as its subclass, for chaining. */
    protected abstract B self();

    public B label(String key, String value) {
        labels.put(key, value);
        return self();
    }

    public B annotation(String key, String value) {
        annotations.put(key, value);
        return self();
    }
}
