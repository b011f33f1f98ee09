package dev.berth.store.tls;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@link TlsSettings#validate} accepts, and that every refusal names etcd's flag or the file at fault. */
class TlsSettingsTest {
    private static final URI HTTPS = URI.create("https://127.0.0.1:2379");
    private static final URI HTTP = URI.create("http://127.0.0.1:2379");

    @TempDir
    static Path dir;
    private static TestCertificates ca;
    private static TestCertificates.Issued member;

    @BeforeAll
    static void certificates() throws Exception {
        ca = TestCertificates.authority(dir, "ca");
        member = ca.issue("member");
    }

    private static TlsSettings peer(Path cert, Path key, Path trustedCa) {
        return new TlsSettings(TlsSettings.Kind.PEER, cert, key, trustedCa, true);
    }

    @Test
    void certificatesFromOneCaAreValidForHttpsAndHttp() {
        TlsSettings tls = peer(member.cert(), member.key(), ca.caFile());

        assertThatCode(() -> tls.validate(HTTPS, "--listen-peer-urls")).doesNotThrowAnyException();
        assertThatCode(() -> tls.validate(HTTP, "--listen-peer-urls")).doesNotThrowAnyException();
    }

    @Test
    void anHttpsUrlWithoutCertificateNamesTheFlagsToGive() {
        assertThatThrownBy(() -> TlsSettings.none(TlsSettings.Kind.CLIENT).validate(HTTPS, "--listen-client-urls"))
                .hasMessageContaining("--listen-client-urls").hasMessageContaining("--cert-file").hasMessageContaining("--key-file");
        assertThatThrownBy(() -> TlsSettings.none(TlsSettings.Kind.PEER).validate(HTTPS, "--listen-peer-urls"))
                .hasMessageContaining("--peer-cert-file").hasMessageContaining("--peer-key-file");
        assertThatCode(() -> TlsSettings.none(TlsSettings.Kind.CLIENT).validate(HTTP, "--listen-client-urls"))
                .doesNotThrowAnyException();
    }

    @Test
    void aKeyWithoutItsCertificateIsRefused() {
        assertThatThrownBy(() -> peer(null, member.key(), null).validate(HTTP, "--listen-peer-urls"))
                .hasMessageContaining("--peer-key-file needs --peer-cert-file");
    }

    @Test
    void aMissingOrNonPemFileIsNamedWithItsFlag() throws Exception {
        Path missing = dir.resolve("missing.pem");
        Path garbage = Files.writeString(dir.resolve("garbage.pem"), "not a certificate\n");

        assertThatThrownBy(() -> peer(missing, member.key(), null).validate(HTTPS, "--listen-peer-urls"))
                .hasMessageContaining("--peer-cert-file " + missing).hasMessageContaining("cannot be read");
        assertThatThrownBy(() -> peer(garbage, member.key(), null).validate(HTTPS, "--listen-peer-urls"))
                .hasMessageContaining("--peer-cert-file " + garbage).hasMessageContaining("not a PEM certificate");
        assertThatThrownBy(() -> peer(member.cert(), garbage, null).validate(HTTPS, "--listen-peer-urls"))
                .hasMessageContaining("--peer-key-file " + garbage).hasMessageContaining("not a PEM private key");
        assertThatThrownBy(() -> peer(member.cert(), member.key(), garbage).validate(HTTPS, "--listen-peer-urls"))
                .hasMessageContaining("--peer-trusted-ca-file " + garbage);
        assertThatThrownBy(() -> peer(member.cert(), member.cert(), null).validate(HTTPS, "--listen-peer-urls"))
                .as("a certificate where the key belongs").hasMessageContaining("--peer-key-file " + member.cert());
    }
}
