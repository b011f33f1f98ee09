package dev.berth.app;

/** Bad flags or input: reported with its message and exit code 2. The message names the flag or field at fault. */
public class UsageException extends RuntimeException {

    public UsageException(String message) {
        super(message);
    }
}
