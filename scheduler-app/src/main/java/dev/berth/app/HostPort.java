package dev.berth.app;

/** A {@code HOST:PORT} flag value ({@code --http}, {@code --listen}); port 0 picks a free one. */
public record HostPort(String host, int port) {

    /**
     * Parses {@code value} given to {@code flag}.
     *
     * @throws UsageException naming the flag, with {@code example} of a good value
     */
    public static HostPort parse(String flag, String value, String example) {
        int colon = value.lastIndexOf(':');
        if (colon <= 0 || colon == value.length() - 1) {
            throw new UsageException(flag + " " + value + ": expected HOST:PORT, e.g. " + example);
        }
        int port;
        try {
            port = Integer.parseInt(value.substring(colon + 1));
        } catch (NumberFormatException e) {
            port = -1;
        }
        if (port < 0 || port > 65535) {
            throw new UsageException(flag + " " + value + ": the port must be a number from 0 to 65535");
        }
        return new HostPort(value.substring(0, colon), port);
    }
}
