package dev.berth.shim;

import dev.berth.shim.patch.LibraryPatcher;
import dev.berth.shim.security.BearerAuthentication;
import dev.berth.shim.security.BearerTokens;
import dev.berth.shim.security.ServingCertificates;
import dev.berth.shim.security.TokenFile;
import dev.berth.shim.table.TableRenderer;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.PemKeyCertOptions;
import java.time.Clock;

/** The shim as users get it: PATCH and Table answers always; HTTPS and bearer tokens unless plain HTTP is asked for. */
public final class StandardExtensions {

    private StandardExtensions() {
    }

    /** HTTPS with {@code certificates}, and only requests carrying a token of {@code tokens}. */
    public static ShimExtensions secure(ServingCertificates certificates, TokenFile tokens, Clock clock) {
        return plain(clock)
                .withTls(options -> options.setSsl(true).setKeyCertOptions(new PemKeyCertOptions()
                        .addCertValue(Buffer.buffer(certificates.certificatePem()))
                        .addKeyValue(Buffer.buffer(certificates.privateKeyPem()))))
                .withAuthentication(new BearerAuthentication(new BearerTokens(tokens)));
    }

    /** Plain HTTP without authentication: for loopback only (tests, and when explicitly asked for). */
    public static ShimExtensions plain(Clock clock) {
        return ShimExtensions.none().withPatcher(new LibraryPatcher()).withRenderer(new TableRenderer(clock));
    }
}
