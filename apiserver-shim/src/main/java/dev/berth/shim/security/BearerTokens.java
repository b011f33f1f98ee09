package dev.berth.shim.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Authenticates {@code Authorization: Bearer <token>} headers against a token file. Every known token is compared,
 * each in constant time over SHA-256 digests, so the time taken says nothing about how much of a token matched.
 */
public final class BearerTokens {

    private record Known(byte[] digest, TokenUser user) {
    }

    private final List<Known> known;

    public BearerTokens(TokenFile tokens) {
        this.known = tokens.users().entrySet().stream()
                .map(e -> new Known(digest(e.getKey()), e.getValue()))
                .toList();
    }

    /** The user the header's bearer token belongs to; empty for a missing, malformed or unknown token. */
    public Optional<TokenUser> authenticate(String authorizationHeader) {
        if (authorizationHeader == null) {
            return Optional.empty();
        }
        // As kube-apiserver: the scheme is case-insensitive and anything after a second space is ignored.
        String[] parts = authorizationHeader.strip().split(" ", 3);
        if (parts.length < 2 || !parts[0].toLowerCase(Locale.ROOT).equals("bearer") || parts[1].isEmpty()) {
            return Optional.empty();
        }
        byte[] presented = digest(parts[1]);
        TokenUser match = null;
        for (Known candidate : known) {
            if (MessageDigest.isEqual(candidate.digest(), presented)) {
                match = candidate.user();
            }
        }
        return Optional.ofNullable(match);
    }

    private static byte[] digest(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
