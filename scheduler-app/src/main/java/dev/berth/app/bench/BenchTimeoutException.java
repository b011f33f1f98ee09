package dev.berth.app.bench;

/** A benchmark did not finish in its time budget. */
public class BenchTimeoutException extends RuntimeException {

    public BenchTimeoutException(String message) {
        super(message);
    }
}
