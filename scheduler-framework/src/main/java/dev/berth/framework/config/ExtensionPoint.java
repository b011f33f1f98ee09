package dev.berth.framework.config;

/** An extension point a profile can configure plugins for, with its field name under {@code profiles[].plugins}. */
public enum ExtensionPoint {
    PRE_ENQUEUE("preEnqueue"),
    QUEUE_SORT("queueSort"),
    PRE_FILTER("preFilter"),
    FILTER("filter"),
    POST_FILTER("postFilter"),
    PRE_SCORE("preScore"),
    SCORE("score"),
    RESERVE("reserve"),
    PERMIT("permit"),
    PRE_BIND("preBind"),
    BIND("bind"),
    POST_BIND("postBind"),
    /** Plugins enabled here run at every extension point they implement (upstream's MultiPoint). */
    MULTI_POINT("multiPoint");

    private final String yamlName;

    ExtensionPoint(String yamlName) {
        this.yamlName = yamlName;
    }

    /** The field name in the configuration, e.g. {@code preFilter}. */
    public String yamlName() {
        return yamlName;
    }
}
