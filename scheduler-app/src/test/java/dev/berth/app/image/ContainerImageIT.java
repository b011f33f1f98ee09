package dev.berth.app.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.berth.app.OfflineMavenBuild;
import dev.berth.store.LoopbackPorts;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.core.TerminalFailureException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The container image as {@code -Pimage} builds it: the profile's own Jib configuration run by Maven on this build's
 * classes and jars, from the base {@code scratch} so that no registry is needed, into an archive that is then unpacked
 * and read. The expectations come from elsewhere: the JVM flags and main class from berth.jar's manifest (what
 * {@code java -jar berth.jar} runs with), the image name and ports from deploy/'s Deployment.
 */
class ContainerImageIT {
    private static final long BUILD_TIMEOUT_SECONDS = 240;
    private static final long RUN_TIMEOUT_SECONDS = 60;
    private static final Path BERTH_JAR = Path.of("target", "berth.jar").toAbsolutePath();
    private static final Path DEPLOYMENT = OfflineMavenBuild.ROOT.resolve("deploy/20-deployment.yaml");
    /** The one system property the `berth` launcher sets: no usage analytics sent by Chronicle. */
    private static final String NO_ANALYTICS = "-Dchronicle.analytics.disable=true";

    private static ImageArchive image;

    @BeforeAll
    static void buildTheImageFromScratch(@TempDir Path work) throws Exception {
        Path archive = work.resolve("berth-image.tar");
        OfflineMavenBuild.in(work, builtModules()).run(List.of(
                        "-f", OfflineMavenBuild.ROOT.resolve("scheduler-app/pom.xml").toString(), "-Pimage",
                        // the goals the profile binds to the package phase, with its executions' configuration
                        "build-helper:regex-property@image-jvm-flags", "jib:buildTar@image",
                        "-Djib.from.image=scratch", "-Djib.outputPaths.tar=" + archive,
                        "-Djib.applicationCache=" + work.resolve("jib-cache"), "-Djib.baseImageCache=" + work.resolve("jib-base-cache")),
                work.resolve("image-build.log"), BUILD_TIMEOUT_SECONDS);
        image = ImageArchive.unpack(archive, work);
    }

    /** Every JVM flag {@code java -jar berth.jar} gets from the jar's manifest, and the launcher's property. */
    static Stream<String> requiredJvmFlags() throws IOException {
        Attributes manifest = jarManifest();
        List<String> flags = new ArrayList<>();
        for (String[] kind : new String[][] {{"Add-Opens", "--add-opens="}, {"Add-Exports", "--add-exports="}}) {
            String packages = manifest.getValue(kind[0]);
            assertThat(packages).as("%s in berth.jar's manifest", kind[0]).isNotBlank();
            Arrays.stream(packages.trim().split("\\s+")).forEach(p -> flags.add(kind[1] + p + "=ALL-UNNAMED"));
        }
        flags.add(NO_ANALYTICS);
        return flags.stream();
    }

    @ParameterizedTest
    @MethodSource("requiredJvmFlags")
    void theEntrypointPassesTheJvmFlag(String flag) {
        assertThat(jvmFlags()).contains(flag);
    }

    @Test
    void theEntrypointRunsTheJarsMainClassOnTheImagesClasspath() throws IOException {
        List<String> entrypoint = image.entrypoint();
        assertThat(entrypoint).first().isEqualTo("java");
        assertThat(entrypoint.subList(entrypoint.size() - 3, entrypoint.size()))
                .containsExactly("-cp", "@/opt/berth/jib-classpath-file", jarManifest().getValue(Attributes.Name.MAIN_CLASS));
        assertThat(image.cmd()).containsExactly("--help");
    }

    @Test
    void theLayersHoldTheClassesAndEveryClasspathEntry() throws IOException {
        String mainClass = jarManifest().getValue(Attributes.Name.MAIN_CLASS);
        assertThat(image.file("/opt/berth/classes/" + mainClass.replace('.', '/') + ".class")).isRegularFile();
        List<String> classpath = classpath();
        assertThat(classpath).anyMatch(entry -> entry.matches("/opt/berth/libs/picocli-.*\\.jar"))
                .anyMatch(entry -> entry.matches("/opt/berth/libs/state-store-.*\\.jar"));
        assertThat(classpath).allSatisfy(entry -> assertThat(image.file(entry)).exists());
    }

    @Test
    void theEntrypointRunsBerthFromTheLayers(@TempDir Path work) throws Exception {
        Path out = work.resolve("out");
        Process berth = new ProcessBuilder(entrypointCommand(work, image.cmd())).redirectErrorStream(true)
                .redirectOutput(out.toFile()).start();
        assertThat(berth.waitFor(RUN_TIMEOUT_SECONDS, TimeUnit.SECONDS)).as("berth --help finished").isTrue();
        assertThat(berth.exitValue()).as(Files.readString(out)).isZero();
        assertThat(Files.readString(out)).startsWith("Usage: berth").contains("scheduler", "store", "up");
    }

    /** A store member opens its Chronicle Map at startup, which fails without the JVM flags (exit 1). */
    @Test
    void theEntrypointsFlagsLetAStoreMemberStart(@TempDir Path work) throws Exception {
        int clientPort = LoopbackPorts.free();
        String peerUrl = "http://127.0.0.1:" + LoopbackPorts.free();
        Path out = work.resolve("store.log");
        Process store = new ProcessBuilder(entrypointCommand(work, List.of("store", "--name", "s1",
                "--data-dir", work.resolve("s1").toString(), "--listen-client-urls", "http://127.0.0.1:" + clientPort,
                "--listen-peer-urls", peerUrl, "--initial-cluster", "s1=" + peerUrl)))
                .redirectErrorStream(true).redirectOutput(out.toFile()).start();
        try {
            await().atMost(Duration.ofSeconds(RUN_TIMEOUT_SECONDS)).pollInterval(Duration.ofMillis(200))
                    .ignoreExceptionsInstanceOf(IOException.class).failFast("berth store exited", () -> !store.isAlive())
                    .until(() -> {
                        try (Socket client = new Socket(InetAddress.getLoopbackAddress(), clientPort)) {
                            return client.isConnected();
                        }
                    });
        } catch (ConditionTimeoutException | TerminalFailureException e) {
            throw new AssertionError(e.getMessage() + "; its output:\n" + Files.readString(out), e);
        } finally {
            store.destroyForcibly().waitFor(RUN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        }
    }

    /**
     * The entrypoint as the container would run it, with this JVM instead of the base image's: its flags, the image's
     * classpath (in the unpacked layers) and main class, and {@code args} for the container's arguments.
     */
    private static List<String> entrypointCommand(Path work, List<String> args) throws IOException {
        Path classpathFile = Files.writeString(work.resolve("classpath"),
                String.join(":", classpath().stream().map(entry -> image.file(entry).toString()).toList()));
        List<String> entrypoint = image.entrypoint();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmFlags());
        command.addAll(List.of("-cp", "@" + classpathFile, entrypoint.get(entrypoint.size() - 1)));
        command.addAll(args);
        return command;
    }

    @Test
    void theContainerRunsAsANonRootUser() {
        String[] user = image.user().split(":");
        assertThat(user).as("uid:gid").hasSize(2);
        assertThat(Arrays.stream(user).mapToInt(Integer::parseInt)).allMatch(id -> id > 0);
    }

    @Test
    void theDeploymentRunsTheImageAsBuilt() throws IOException {
        JsonNode container = new YAMLMapper().readTree(DEPLOYMENT.toFile()).at("/spec/template/spec/containers/0");
        assertThat(image.repoTags()).containsExactly(container.get("image").asString());
        assertThat(container.has("command")).as("a command would replace the entrypoint and its JVM flags").isFalse();
        assertThat(container.at("/args/0").asString()).isEqualTo("scheduler");
        List<String> ports = new ArrayList<>();
        container.get("ports").forEach(port -> ports.add(port.get("containerPort").asInt() + "/tcp"));
        assertThat(ports).isNotEmpty();
        assertThat(image.exposedPorts()).containsAll(ports);
    }

    /** The entrypoint's JVM flags: what stands between {@code java} and {@code -cp}. */
    private static List<String> jvmFlags() {
        List<String> entrypoint = image.entrypoint();
        return entrypoint.subList(1, entrypoint.indexOf("-cp"));
    }

    private static List<String> classpath() throws IOException {
        return List.of(Files.readString(image.file("/opt/berth/jib-classpath-file")).trim().split(":"));
    }

    private static Attributes jarManifest() throws IOException {
        try (JarFile jar = new JarFile(BERTH_JAR.toFile())) {
            return jar.getManifest().getMainAttributes();
        }
    }

    /** The Berth modules whose jars this build made: scheduler-app's dependencies among them. */
    private static List<String> builtModules() throws IOException {
        try (Stream<Path> dirs = Files.list(OfflineMavenBuild.ROOT)) {
            return dirs.map(dir -> dir.getFileName().toString())
                    .filter(module -> Files.isRegularFile(OfflineMavenBuild.ROOT.resolve(module)
                            .resolve("target").resolve(module + "-" + OfflineMavenBuild.VERSION + ".jar")))
                    .sorted().toList();
        }
    }
}
