package dev.berth.shim.select;

import tools.jackson.databind.JsonNode;

/** What a list, watch or deletecollection selects: the objects matching both its label and field selectors. */
public record Selection(LabelSelector labels, FieldSelector fields) {
    public static final Selection EVERYTHING = new Selection(LabelSelector.EVERYTHING, FieldSelector.EVERYTHING);

    /** Whether every object matches: no label and no field requirement. */
    public boolean isEverything() {
        return labels.requirements().isEmpty() && fields.terms().isEmpty();
    }

    public boolean matches(JsonNode object) {
        return fields.matches(object) && labels.matches(Labels.of(object));
    }
}
