package dev.berth.framework.simulate;

/** A scenario's text is not a valid scenario; the message names the source, the document and the field. */
public class ScenarioFormatException extends RuntimeException {

    public ScenarioFormatException(String message) {
        super(message);
    }
}
