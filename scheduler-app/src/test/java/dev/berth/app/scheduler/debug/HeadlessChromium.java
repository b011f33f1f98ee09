package dev.berth.app.scheduler.debug;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Chromium in headless mode, one process per page: the DOM after the page's scripts ran (a virtual time budget lets
 * its fetches finish) and a screenshot. Each run gets its own profile directory, so parallel runs do not collide.
 */
final class HeadlessChromium {
    private static final List<String> NAMES = List.of("chromium", "chromium-browser", "google-chrome");
    private static final long TIMEOUT_SECONDS = 90;

    private final Path binary;
    private final Path profiles;

    private HeadlessChromium(Path binary, Path profiles) {
        this.binary = binary;
        this.profiles = profiles;
    }

    /** Chromium from the PATH, if installed. */
    static Optional<HeadlessChromium> find(Path profiles) {
        String path = System.getenv().getOrDefault("PATH", "");
        return Stream.of(path.split(File.pathSeparator)).flatMap(dir -> NAMES.stream().map(n -> Path.of(dir, n)))
                .filter(Files::isExecutable).findFirst().map(binary -> new HeadlessChromium(binary, profiles));
    }

    /** The page's DOM once its scripts have run. */
    String dumpDom(String url) throws IOException, InterruptedException {
        return run("--dump-dom", url);
    }

    /** Saves a PNG of the page once its scripts have run. */
    void screenshot(String url, Path png) throws IOException, InterruptedException {
        run("--screenshot=" + png.toAbsolutePath(), "--window-size=1400,1000", url);
        if (!Files.isRegularFile(png)) {
            throw new IOException("chromium wrote no screenshot to " + png);
        }
    }

    private String run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(binary.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-dev-shm-usage", "--no-first-run", "--virtual-time-budget=10000",
                "--user-data-dir=" + Files.createTempDirectory(profiles, "chromium")));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(profiles, "chromium", ".out");
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException("chromium did not finish within " + TIMEOUT_SECONDS + " s: " + command);
        }
        if (process.exitValue() != 0) {
            throw new IOException("chromium exited with " + process.exitValue() + ": " + command);
        }
        return Files.readString(out, StandardCharsets.UTF_8);
    }
}
