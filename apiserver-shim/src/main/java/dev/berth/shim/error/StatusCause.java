package dev.berth.shim.error;

/** One field-level reason of a Status ({@code details.causes[]}), e.g. {@code FieldValueInvalid} on {@code metadata.name}. */
public record StatusCause(String reason, String message, String field) {
}
