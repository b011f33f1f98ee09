package dev.berth.framework.runtime;

/** Upstream's extension point names, as they appear in metric labels and error messages. */
final class ExtensionPointNames {
    static final String PRE_ENQUEUE = "PreEnqueue";
    static final String PRE_FILTER = "PreFilter";
    static final String PRE_FILTER_EXTENSION_ADD_POD = "PreFilterExtensionAddPod";
    static final String PRE_FILTER_EXTENSION_REMOVE_POD = "PreFilterExtensionRemovePod";
    static final String FILTER = "Filter";
    static final String POST_FILTER = "PostFilter";
    static final String PRE_SCORE = "PreScore";
    static final String SCORE = "Score";
    static final String NORMALIZE_SCORE = "NormalizeScore";
    static final String RESERVE = "Reserve";
    static final String UNRESERVE = "Unreserve";
    static final String PERMIT = "Permit";
    static final String PRE_BIND = "PreBind";
    static final String BIND = "Bind";
    static final String POST_BIND = "PostBind";

    private ExtensionPointNames() {
    }
}
