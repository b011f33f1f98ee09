package dev.berth.framework.config;

import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;

/** Turns a YAML parse failure into a one-line {@link ConfigException} with the line and column of the problem. */
public final class YamlErrors {

    private YamlErrors() {
    }

    public static ConfigException malformed(JacksonException e) {
        // The YAML parser's own message spans several lines of source snippets; its parts read better on one line.
        if (e.getCause() instanceof MarkedYamlEngineException yaml && yaml.getProblemMark().isPresent()) {
            Mark mark = yaml.getProblemMark().get();
            String context = yaml.getContext() == null ? "" : yaml.getContext() + ": ";
            return malformed(mark.getLine() + 1, mark.getColumn() + 1, context + yaml.getProblem(), e);
        }
        TokenStreamLocation location = e.getLocation();
        return location == null
                ? new ConfigException("", "malformed YAML: " + e.getOriginalMessage(), e)
                : malformed(location.getLineNr(), location.getColumnNr(), e.getOriginalMessage(), e);
    }

    private static ConfigException malformed(int line, int column, String reason, JacksonException e) {
        return new ConfigException("", "malformed YAML at line " + line + ", column " + column + ": " + reason, e);
    }
}
