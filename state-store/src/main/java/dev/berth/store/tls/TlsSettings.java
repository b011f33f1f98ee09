package dev.berth.store.tls;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.net.ClientSSLOptions;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;

/**
 * The certificates of one kind of URL, as etcd's TLS flags give them: {@code --cert-file}, {@code --key-file},
 * {@code --trusted-ca-file}, {@code --client-cert-auth} for client URLs and their {@code --peer-} twins for peer
 * URLs. As in etcd, they are used only where a URL is {@code https://}: a listener on such a URL serves TLS with
 * the certificate, and a member connecting to an {@code https://} peer presents it as its client certificate.
 *
 * @param kind which flags these are, so that errors name the one at fault
 * @param certFile the PEM certificate (chain) this side presents; null when not given
 * @param keyFile the PEM private key of {@code certFile}; null when not given
 * @param trustedCaFile the PEM CA certificates that client (and, for peers, server) certificates must chain to;
 *     null means the JVM's default trust store, as etcd falls back to the system's roots
 * @param clientCertAuth whether a listener refuses connections without a client certificate signed by
 *     {@code trustedCaFile}
 */
public record TlsSettings(Kind kind, Path certFile, Path keyFile, Path trustedCaFile, boolean clientCertAuth) {

    /** Client URLs ({@code --cert-file} ...) or peer URLs ({@code --peer-cert-file} ...). */
    public enum Kind {
        CLIENT("--"), PEER("--peer-");

        private final String flagPrefix;

        Kind(String flagPrefix) {
            this.flagPrefix = flagPrefix;
        }

        /** etcd's flag for {@code name}, e.g. {@code --peer-cert-file} for PEER and "cert-file". */
        public String flag(String name) {
            return flagPrefix + name;
        }
    }

    public TlsSettings {
        if (kind == null) {
            throw new IllegalArgumentException("TlsSettings.kind must be set");
        }
    }

    /** No certificates: {@code http://} URLs only. */
    public static TlsSettings none(Kind kind) {
        return new TlsSettings(kind, null, null, null, false);
    }

    /** Whether a certificate and its key were given, which a listener on an {@code https://} URL needs. */
    public boolean hasCertificate() {
        return certFile != null && keyFile != null;
    }

    /**
     * Checks these settings for serving {@code url} (given with the flag {@code urlFlag}): an {@code https://} URL
     * needs a certificate and key, as etcd refuses to start without them; every file given must be readable PEM of
     * the right kind, whatever the scheme, so a typo fails at start rather than at the first TLS connection.
     *
     * @throws IllegalArgumentException naming the flag or file at fault and what to do
     */
    public void validate(URI url, String urlFlag) {
        if ("https".equals(url.getScheme()) && !hasCertificate()) {
            throw new IllegalArgumentException(urlFlag + " " + url + " is https://: give " + kind.flag("cert-file")
                    + " and " + kind.flag("key-file") + " (etcd refuses an https:// URL without them)");
        }
        if ((certFile == null) != (keyFile == null)) {
            throw new IllegalArgumentException(certFile == null
                    ? kind.flag("key-file") + " needs " + kind.flag("cert-file") + " too"
                    : kind.flag("cert-file") + " needs " + kind.flag("key-file") + " too");
        }
        if (certFile != null) {
            requireCertificates(kind.flag("cert-file"), certFile);
            requireKeyFor(certFile, keyFile);
        }
        if (trustedCaFile != null) {
            requireCertificates(kind.flag("trusted-ca-file"), trustedCaFile);
        }
    }

    /**
     * {@code options} (a TCP or HTTP server's) made to serve TLS with this certificate, requiring client certificates
     * signed by the trusted CA when {@link #clientCertAuth()} is set.
     */
    public <T extends NetServerOptions> T serverOptions(T options) {
        options.setSsl(true).setKeyCertOptions(keyCertOptions());
        if (trustedCaFile != null) {
            options.setTrustOptions(trustOptions());
        }
        options.setClientAuth(clientCertAuth ? ClientAuth.REQUIRED : ClientAuth.NONE);
        return options;
    }

    /**
     * How to connect to an {@code https://} peer: verify its certificate against the trusted CA and its host name
     * (as Go's TLS client does for etcd) and present this member's certificate for mutual authentication.
     */
    public ClientSSLOptions clientOptions() {
        ClientSSLOptions options = new ClientSSLOptions().setHostnameVerificationAlgorithm("HTTPS");
        if (hasCertificate()) {
            options.setKeyCertOptions(keyCertOptions());
        }
        if (trustedCaFile != null) {
            options.setTrustOptions(trustOptions());
        }
        return options;
    }

    private PemKeyCertOptions keyCertOptions() {
        return new PemKeyCertOptions().setCertPath(certFile.toString()).setKeyPath(keyFile.toString());
    }

    private PemTrustOptions trustOptions() {
        return new PemTrustOptions().addCertPath(trustedCaFile.toString());
    }

    private static void requireCertificates(String flag, Path file) {
        byte[] pem = read(flag, file);
        try {
            if (CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(pem)).isEmpty()) {
                throw new CertificateException("no certificate in it");
            }
        } catch (CertificateException e) {
            throw new IllegalArgumentException(flag + " " + file + " is not a PEM certificate (-----BEGIN CERTIFICATE-----): "
                    + e.getMessage());
        }
    }

    private void requireKeyFor(Path cert, Path key) {
        String flag = kind.flag("key-file");
        try {
            // Vert.x's own PEM loader, so whatever passes here is what the listener loads; given the bytes rather
            // than paths it needs no Vert.x instance.
            new PemKeyCertOptions().setCertValue(Buffer.buffer(read(kind.flag("cert-file"), cert)))
                    .setKeyValue(Buffer.buffer(read(flag, key))).loadKeyStore(null);
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalArgumentException(flag + " " + key + " is not a PEM private key (PKCS#8, RSA or EC): "
                    + e.getMessage());
        }
    }

    private static byte[] read(String flag, Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new IllegalArgumentException(flag + " " + file + " cannot be read: " + e);
        }
    }
}
