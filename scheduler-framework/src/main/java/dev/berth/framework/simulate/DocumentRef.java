package dev.berth.framework.simulate;

/**
 * Where an object came from in a scenario file, for messages: {@code document 3 (Pod default/web-1)}.
 *
 * @param index the 1-based index of the YAML document in the file
 * @param kind the document's kind, or {@code null} if it has none
 * @param name {@code namespace/name} or {@code name}, or {@code null} if it has none
 */
public record DocumentRef(int index, String kind, String name) {

    public String describe() {
        if (kind == null) {
            return "document " + index;
        }
        return "document " + index + " (" + kind + (name == null ? "" : " " + name) + ")";
    }
}
