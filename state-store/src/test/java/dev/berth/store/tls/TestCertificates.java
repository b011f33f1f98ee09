package dev.berth.store.tls;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throw-away certificate authority for TLS tests, made with the {@code openssl} command (what etcd's own docs use,
 * and no test dependency): a CA, then certificates it signs for 127.0.0.1 and localhost that serve as server and
 * client certificates both, as etcd members' peer certificates do. EC P-256 keys, valid for two days.
 */
public final class TestCertificates {
    private static final long TIMEOUT_SECONDS = 30;

    /** A PEM certificate and its PEM private key. */
    public record Issued(Path cert, Path key) {}

    private final Path dir;
    private final Issued ca;

    private TestCertificates(Path dir, Issued ca) {
        this.dir = dir;
        this.ca = ca;
    }

    /** Creates a CA named {@code name} with its files in {@code parent/name}. */
    public static TestCertificates authority(Path parent, String name) throws IOException, InterruptedException {
        Path dir = Files.createDirectories(parent.resolve(name));
        Issued ca = new Issued(dir.resolve("ca.pem"), dir.resolve("ca-key.pem"));
        openssl(dir, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                "-keyout", ca.key().toString(), "-out", ca.cert().toString(), "-days", "2", "-subj", "/CN=" + name,
                "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign");
        return new TestCertificates(dir, ca);
    }

    /** The CA certificate, for {@code --trusted-ca-file} and etcdctl's {@code --cacert}. */
    public Path caFile() {
        return ca.cert();
    }

    /** A certificate for {@code name} signed by this CA, valid for IP 127.0.0.1 and DNS localhost. */
    public Issued issue(String name) throws IOException, InterruptedException {
        Issued issued = new Issued(dir.resolve(name + ".pem"), dir.resolve(name + "-key.pem"));
        Path csr = dir.resolve(name + ".csr");
        Path extensions = Files.writeString(dir.resolve(name + ".ext"), String.join("\n",
                "subjectAltName=IP:127.0.0.1,DNS:localhost",
                "extendedKeyUsage=serverAuth,clientAuth",
                "keyUsage=critical,digitalSignature,keyEncipherment",
                "basicConstraints=CA:FALSE", ""));
        openssl(dir, "req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                "-keyout", issued.key().toString(), "-out", csr.toString(), "-subj", "/CN=" + name);
        openssl(dir, "x509", "-req", "-in", csr.toString(), "-CA", ca.cert().toString(), "-CAkey", ca.key().toString(),
                "-CAcreateserial", "-out", issued.cert().toString(), "-days", "2", "-extfile", extensions.toString());
        return issued;
    }

    private static void openssl(Path dir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        Path log = dir.resolve("openssl.log");
        Process process = new ProcessBuilder(command).directory(dir.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            throw new IOException(command + " did not finish within " + TIMEOUT_SECONDS + "s");
        }
        if (process.exitValue() != 0) {
            throw new IOException(command + " failed with exit code " + process.exitValue() + ": "
                    + Files.readString(log, StandardCharsets.UTF_8));
        }
    }
}
