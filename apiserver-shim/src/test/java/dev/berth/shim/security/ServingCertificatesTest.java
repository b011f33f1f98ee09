package dev.berth.shim.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServingCertificatesTest {

    @TempDir
    Path dir;

    private static List<String> alternativeNames(String pem) throws Exception {
        X509Certificate certificate = ServingCertificates.parseCertificate(pem);
        List<String> names = new ArrayList<>();
        certificate.getSubjectAlternativeNames().forEach(n -> names.add(String.valueOf(n.get(1))));
        return names;
    }

    @Test
    void createsACaAndAServingCertificateItSignedForLocalhostAndTheGivenHosts() throws Exception {
        ServingCertificates certs = ServingCertificates.ensure(dir, List.of("berth.example", "10.0.0.7"));

        X509Certificate ca = ServingCertificates.parseCertificate(certs.caCertificatePem());
        X509Certificate serving = ServingCertificates.parseCertificate(certs.certificatePem());
        serving.verify(ca.getPublicKey());
        assertThat(ca.getBasicConstraints()).isGreaterThanOrEqualTo(0);
        assertThat(serving.getBasicConstraints()).isEqualTo(-1);
        assertThat(serving.getExtendedKeyUsage()).contains("1.3.6.1.5.5.7.3.1");
        assertThat(alternativeNames(certs.certificatePem()))
                .containsExactlyInAnyOrder("localhost", "127.0.0.1", "berth.example", "10.0.0.7");
        assertThat(Files.readString(certs.certificate())).isEqualTo(certs.certificatePem());
        assertThat(Files.readString(certs.caCertificate())).isEqualTo(certs.caCertificatePem());
        assertThat(ServingCertificates.parseKey(Files.readString(certs.privateKey())).getAlgorithm()).isEqualTo("EC");
        for (String key : List.of(ServingCertificates.CA_KEY, ServingCertificates.SERVING_KEY)) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(key))))
                    .isEqualTo("rw-------");
        }
    }

    @Test
    void reusesCertificatesThatStillFit() throws Exception {
        ServingCertificates first = ServingCertificates.ensure(dir, List.of("a.example"));

        ServingCertificates second = ServingCertificates.ensure(dir, List.of("a.example", "localhost"));

        assertThat(second).isEqualTo(first);
    }

    @Test
    void aNewHostReissuesTheServingCertificateFromTheSameCa() throws Exception {
        ServingCertificates first = ServingCertificates.ensure(dir, List.of());

        ServingCertificates second = ServingCertificates.ensure(dir, List.of("b.example"));

        assertThat(second.caCertificatePem()).isEqualTo(first.caCertificatePem());
        assertThat(second.certificatePem()).isNotEqualTo(first.certificatePem());
        assertThat(alternativeNames(second.certificatePem())).contains("b.example");
    }

    @Test
    void certificatesNearExpiryAreRenewed() throws Exception {
        ServingCertificates first = ServingCertificates.ensure(dir, List.of());
        Clock nearExpiry = Clock.fixed(Instant.now().plus(Duration.ofDays(340)), ZoneOffset.UTC);

        ServingCertificates second = ServingCertificates.ensure(dir, List.of(), nearExpiry);

        assertThat(second.caCertificatePem()).isEqualTo(first.caCertificatePem());
        assertThat(second.certificatePem()).isNotEqualTo(first.certificatePem());
    }

    @Test
    void aDamagedCaIsReplacedAndTheServingCertificateWithIt() throws Exception {
        ServingCertificates first = ServingCertificates.ensure(dir, List.of());
        Files.writeString(dir.resolve(ServingCertificates.CA_CERT), "not a certificate");

        ServingCertificates second = ServingCertificates.ensure(dir, List.of());

        assertThat(second.caCertificatePem()).isNotEqualTo(first.caCertificatePem());
        ServingCertificates.parseCertificate(second.certificatePem())
                .verify(ServingCertificates.parseCertificate(second.caCertificatePem()).getPublicKey());
    }
}
