package dev.berth.app.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A docker-loadable image archive (docker save's layout: manifest.json, the config JSON and one gzipped tar per
 * layer, as Jib's buildTar writes it), unpacked with the system's tar: the layers are applied in order into one
 * root file system, as a container runtime would.
 *
 * @param repoTags the names the archive gives the image
 * @param config   the container configuration ({@code config} of the image's config JSON)
 * @param rootfs   the layers unpacked
 */
record ImageArchive(List<String> repoTags, JsonNode config, Path rootfs) {
    private static final long TAR_TIMEOUT_SECONDS = 60;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    static ImageArchive unpack(Path archive, Path workDir) throws IOException, InterruptedException {
        Path unpacked = Files.createDirectories(workDir.resolve("archive"));
        Path log = workDir.resolve("tar.log");
        tar(log, "-xf", archive.toString(), "-C", unpacked.toString());
        JsonNode manifests = JSON.readTree(unpacked.resolve("manifest.json").toFile());
        assertThat(manifests.size()).as("images in %s", archive).isEqualTo(1);
        JsonNode manifest = manifests.get(0);
        Path rootfs = Files.createDirectories(workDir.resolve("rootfs"));
        for (JsonNode layer : manifest.get("Layers")) {
            // Jib writes libarchive's creation-time PAX keyword, which GNU tar does not know and would warn about.
            tar(log, "--warning=no-unknown-keyword", "-xzf", unpacked.resolve(layer.asString()).toString(), "-C", rootfs.toString());
        }
        List<String> tags = new ArrayList<>();
        manifest.get("RepoTags").forEach(tag -> tags.add(tag.asString()));
        JsonNode config = JSON.readTree(unpacked.resolve(manifest.get("Config").asString()).toFile()).get("config");
        return new ImageArchive(tags, config, rootfs);
    }

    List<String> entrypoint() {
        return strings("Entrypoint");
    }

    List<String> cmd() {
        return strings("Cmd");
    }

    String user() {
        return config.path("User").asString("");
    }

    /** Exposed ports as the config names them, e.g. {@code 10259/tcp}. */
    Set<String> exposedPorts() {
        return new TreeSet<>(config.path("ExposedPorts").propertyNames());
    }

    /** A path of the image (absolute, as the entrypoint names it) in the unpacked root file system. */
    Path file(String imagePath) {
        return rootfs.resolve(imagePath.replaceFirst("^/+", ""));
    }

    private List<String> strings(String field) {
        List<String> values = new ArrayList<>();
        config.path(field).forEach(value -> values.add(value.asString()));
        return values;
    }

    /** Runs tar, its output in {@code log} (a file, so that no pipe can fill up and stall it). */
    private static void tar(Path log, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("tar"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!process.waitFor(TAR_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("timed out after " + TAR_TIMEOUT_SECONDS + "s: " + command);
        }
        assertThat(process.exitValue()).as("%s failed: %s", command, Files.readString(log)).isZero();
    }
}
