package dev.berth.shim.security;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shim's TLS material, kept in one directory: a self-signed CA ({@code ca.crt}, {@code ca.key}) and a serving
 * certificate it signed ({@code apiserver.crt}, {@code apiserver.key}) for {@code localhost}, {@code 127.0.0.1} and
 * the hosts asked for. Existing files are reused while they chain to the CA, are valid for at least another
 * {@link #RENEW_BEFORE} and name every host; otherwise the serving certificate is reissued from the same CA (so
 * kubeconfigs holding the CA keep working), and the CA itself only when it is missing, unreadable or expiring.
 * Keys are ECDSA P-256 in PKCS#8 PEM with mode 0600.
 *
 * @param caCertificate      path of {@code ca.crt}
 * @param certificate        path of {@code apiserver.crt}
 * @param privateKey         path of {@code apiserver.key}
 * @param caCertificatePem   the CA certificate (what a kubeconfig's {@code certificate-authority-data} holds)
 * @param certificatePem     the serving certificate
 * @param privateKeyPem      the serving certificate's key
 */
public record ServingCertificates(Path caCertificate, Path certificate, Path privateKey, String caCertificatePem,
                                  String certificatePem, String privateKeyPem) {

    public static final String CA_CERT = "ca.crt";
    public static final String CA_KEY = "ca.key";
    public static final String SERVING_CERT = "apiserver.crt";
    public static final String SERVING_KEY = "apiserver.key";

    /** Certificates closer than this to expiry are replaced. */
    public static final Duration RENEW_BEFORE = Duration.ofDays(30);

    private static final Duration CA_VALIDITY = Duration.ofDays(3650);
    private static final Duration SERVING_VALIDITY = Duration.ofDays(365);
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Logger LOG = LoggerFactory.getLogger(ServingCertificates.class);

    /** Creates or reuses the CA and serving certificate in {@code dir}; see the class comment. */
    public static ServingCertificates ensure(Path dir, List<String> hostsAndIps) throws IOException {
        return ensure(dir, hostsAndIps, Clock.systemUTC());
    }

    static ServingCertificates ensure(Path dir, List<String> hostsAndIps, Clock clock) throws IOException {
        Files.createDirectories(dir);
        Set<String> hosts = new LinkedHashSet<>(List.of("localhost", "127.0.0.1"));
        hosts.addAll(hostsAndIps);
        Instant now = clock.instant();
        try {
            Issued ca = readValid(dir.resolve(CA_CERT), dir.resolve(CA_KEY), now, null, Set.of());
            if (ca == null) {
                LOG.info("Creating the shim's certificate authority in {}", dir);
                ca = issueCa(now);
                write(dir, CA_CERT, CA_KEY, ca);
            }
            Issued serving = readValid(dir.resolve(SERVING_CERT), dir.resolve(SERVING_KEY), now, ca, hosts);
            if (serving == null) {
                LOG.info("Issuing the shim's serving certificate for {}", hosts);
                serving = issueServing(ca, hosts, now);
                write(dir, SERVING_CERT, SERVING_KEY, serving);
            }
            return new ServingCertificates(dir.resolve(CA_CERT), dir.resolve(SERVING_CERT), dir.resolve(SERVING_KEY),
                    pem(ca.certificate()), pem(serving.certificate()), pkcs8Pem(serving.key()));
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IOException("cannot create certificates in " + dir + ": " + e.getMessage(), e);
        }
    }

    private record Issued(X509Certificate certificate, PrivateKey key) {
    }

    /** The certificate and key at these paths if usable: readable, current, signed by {@code issuer}, for all hosts. */
    private static Issued readValid(Path certFile, Path keyFile, Instant now, Issued issuer, Set<String> hosts) {
        if (!Files.isRegularFile(certFile) || !Files.isRegularFile(keyFile)) {
            return null;
        }
        try {
            X509Certificate certificate = parseCertificate(Files.readString(certFile));
            PrivateKey key = parseKey(Files.readString(keyFile));
            certificate.checkValidity(Date.from(now.plus(RENEW_BEFORE)));
            X509Certificate signer = issuer == null ? certificate : issuer.certificate();
            certificate.verify(signer.getPublicKey());
            if (!names(certificate).containsAll(hosts)) {
                return null;
            }
            return new Issued(certificate, key);
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            LOG.warn("Replacing {}: {}", certFile, e.toString());
            return null;
        }
    }

    private static Set<String> names(X509Certificate certificate) throws CertificateException {
        Set<String> names = new LinkedHashSet<>();
        Collection<List<?>> alternatives = certificate.getSubjectAlternativeNames();
        if (alternatives != null) {
            alternatives.forEach(name -> names.add(String.valueOf(name.get(1))));
        }
        return names;
    }

    private static Issued issueCa(Instant now) throws GeneralSecurityException, OperatorCreationException,
            IOException {
        KeyPair keys = newKeyPair();
        X500Name subject = new X500Name("CN=berth-ca");
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, serial(),
                Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(CA_VALIDITY)), subject, keys.getPublic());
        JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
        builder.addExtension(Extension.keyUsage, true,
                new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature));
        builder.addExtension(Extension.subjectKeyIdentifier, false,
                extensions.createSubjectKeyIdentifier(keys.getPublic()));
        return new Issued(sign(builder, keys.getPrivate()), keys.getPrivate());
    }

    private static Issued issueServing(Issued ca, Set<String> hosts, Instant now) throws GeneralSecurityException,
            OperatorCreationException, IOException {
        KeyPair keys = newKeyPair();
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(ca.certificate(), serial(),
                Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(SERVING_VALIDITY)),
                new X500Name("CN=berth-apiserver"), keys.getPublic());
        JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
        List<GeneralName> names = new ArrayList<>();
        for (String host : hosts) {
            boolean ip = IPV4.matcher(host).matches() || host.contains(":");
            names.add(new GeneralName(ip ? GeneralName.iPAddress : GeneralName.dNSName, host));
        }
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        builder.addExtension(Extension.keyUsage, true,
                new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
        builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
        builder.addExtension(Extension.subjectAlternativeName, false,
                new GeneralNames(names.toArray(GeneralName[]::new)));
        builder.addExtension(Extension.authorityKeyIdentifier, false,
                extensions.createAuthorityKeyIdentifier(ca.certificate()));
        return new Issued(sign(builder, ca.key()), keys.getPrivate());
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey signer)
            throws OperatorCreationException, CertificateException {
        return new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer)));
    }

    private static KeyPair newKeyPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
        return generator.generateKeyPair();
    }

    private static BigInteger serial() {
        return new BigInteger(127, new SecureRandom());
    }

    private static void write(Path dir, String certName, String keyName, Issued issued) throws IOException {
        SecureFiles.writeOwnerOnly(dir.resolve(keyName), pkcs8Pem(issued.key()));
        SecureFiles.writePublic(dir.resolve(certName), pem(issued.certificate()));
    }

    static X509Certificate parseCertificate(String pem) throws CertificateException {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new java.io.ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
    }

    /** A PEM private key: PKCS#8 ({@code PRIVATE KEY}) or the traditional EC/RSA form. */
    static PrivateKey parseKey(String pem) throws IOException {
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            Object parsed = parser.readObject();
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            if (parsed instanceof PrivateKeyInfo info) {
                return converter.getPrivateKey(info);
            }
            if (parsed instanceof PEMKeyPair pair) {
                return converter.getKeyPair(pair).getPrivate();
            }
            throw new IOException("no private key in PEM");
        }
    }

    private static String pem(Object object) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(object);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static String pkcs8Pem(PrivateKey key) {
        try {
            return pem(new JcaPKCS8Generator(key, null).generate());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
