package dev.berth.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the repository's Maven Wrapper from a test against this build's outputs, without writing the shared local
 * repository: a private local repository under {@code workDir} holds the just-built jars of the Berth modules named
 * (and the parent pom), and every other artifact comes from the build's own local repository ({@code berth.m2}, set by
 * failsafe) as a file:// remote tried first, so what the build already has is never downloaded. Maven Central stays
 * behind it for what the outer build never needed itself (the {@code image} profile's plugins on a fresh machine).
 */
public final class OfflineMavenBuild {
    /** The repository root: failsafe runs in the module's directory. */
    public static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    /** This build's version, set by failsafe. */
    public static final String VERSION = System.getProperty("berth.version");

    private final Path settings;
    private final Path repository;

    private OfflineMavenBuild(Path settings, Path repository) {
        this.settings = settings;
        this.repository = repository;
    }

    /** Sets up the settings and the private repository under {@code workDir} with the modules' poms and jars. */
    public static OfflineMavenBuild in(Path workDir, List<String> modules) throws IOException {
        Path repository = Files.createDirectories(workDir.resolve("repository"));
        put(repository, "berth-parent", ROOT.resolve("pom.xml"), null);
        for (String module : modules) {
            put(repository, module, ROOT.resolve(module).resolve("pom.xml"),
                    ROOT.resolve(module).resolve("target").resolve(module + "-" + VERSION + ".jar"));
        }
        // Repositories of an active settings profile come before the super POM's Central.
        Path settings = Files.writeString(workDir.resolve("settings.xml"), """
                <settings>
                  <profiles>
                    <profile>
                      <id>build-local-repository</id>
                      <repositories><repository><id>build-local-repository</id><url>%1$s</url></repository></repositories>
                      <pluginRepositories>
                        <pluginRepository><id>build-local-repository</id><url>%1$s</url></pluginRepository>
                      </pluginRepositories>
                    </profile>
                  </profiles>
                  <activeProfiles><activeProfile>build-local-repository</activeProfile></activeProfiles>
                </settings>
                """.formatted(Path.of(System.getProperty("berth.m2")).toUri()));
        return new OfflineMavenBuild(settings, repository);
    }

    /** Runs {@code mvnw -B -q args...}, its output in {@code log}; fails the test on a non-zero exit or the timeout. */
    public void run(List<String> args, Path log, long timeoutSeconds) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(ROOT.resolve("mvnw").toString(), "-B", "-q",
                "-s", settings.toString(), "-Dmaven.repo.local=" + repository));
        command.addAll(args);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("timed out after " + timeoutSeconds + "s: " + command + "\n" + Files.readString(log));
        }
        assertThat(process.exitValue()).as("%s failed:%n%s", command, Files.readString(log)).isZero();
    }

    private static void put(Path repository, String artifact, Path pom, Path jar) throws IOException {
        Path dir = Files.createDirectories(repository.resolve("dev/berth").resolve(artifact).resolve(VERSION));
        Files.copy(pom, dir.resolve(artifact + "-" + VERSION + ".pom"), StandardCopyOption.REPLACE_EXISTING);
        if (jar != null) {
            assertThat(jar).as("built by package before this test").exists();
            Files.copy(jar, dir.resolve(artifact + "-" + VERSION + ".jar"), StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
