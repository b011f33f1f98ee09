package dev.berth.app.scheduler;

import dev.berth.framework.config.ConfigException;
import dev.berth.framework.config.SchedulerConfiguration;
import dev.berth.store.DaemonThreads;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches {@code berth scheduler --config FILE}: when the file's content changes, parses it and hands the new
 * configuration on. A file that cannot be read, parsed or built is logged and changes nothing, so the running
 * profiles keep scheduling until the file is fixed. It polls: file-system events are missed on some mounts
 * (a ConfigMap volume swaps a symlink), and a read every few seconds costs nothing.
 */
final class ConfigFileWatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ConfigFileWatcher.class);

    private final Path file;
    private final Function<String, SchedulerConfiguration> parse;
    private final Consumer<SchedulerConfiguration> apply;
    private final ScheduledExecutorService timer;
    private byte[] seen;

    /**
     * Starts watching; {@code current} is the content the running configuration came from.
     *
     * @param parse turns the file's text into a configuration ({@link ConfigException} if invalid)
     * @param apply replaces the running profiles ({@link ConfigException} if they cannot be built)
     */
    ConfigFileWatcher(Path file, byte[] current, Duration interval, Function<String, SchedulerConfiguration> parse,
                      Consumer<SchedulerConfiguration> apply) {
        this.file = file;
        this.seen = current.clone();
        this.parse = parse;
        this.apply = apply;
        this.timer = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("berth-config-watcher"));
        timer.scheduleWithFixedDelay(this::check, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void check() {
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (IOException e) {
            LOG.warn("--config {}: cannot read it ({}); the running profiles stay", file, e.toString());
            return;
        }
        if (Arrays.equals(content, seen)) {
            return;
        }
        seen = content;
        try {
            apply.accept(parse.apply(new String(content, StandardCharsets.UTF_8)));
            LOG.warn("--config {}: changed; the profiles were rebuilt from it", file);
        } catch (ConfigException e) {
            LOG.warn("--config {}: not reloaded, the running profiles stay: {}", file, e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("--config {}: reload failed, the running profiles stay", file, e);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
