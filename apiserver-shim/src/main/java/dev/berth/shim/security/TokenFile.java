package dev.berth.shim.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Static bearer tokens in kube-apiserver's {@code --token-auth-file} format: CSV lines
 * {@code token,user,uid,"group1,group2"}, the groups column optional. As upstream, a line with an empty token is
 * skipped and a repeated token takes the later line's user.
 */
public final class TokenFile {

    /** The user {@link #generate} writes: an administrator, as kubeadm's {@code kubernetes-admin} is. */
    public static final TokenUser ADMIN = new TokenUser("admin", "admin", List.of("system:masters"));

    private static final Logger LOG = LoggerFactory.getLogger(TokenFile.class);

    /** In file order, so that {@link #adminToken()} is the first administrator's. */
    private final Map<String, TokenUser> users;

    private TokenFile(Map<String, TokenUser> users) {
        this.users = Collections.unmodifiableMap(new LinkedHashMap<>(users));
    }

    /** Reads a token file; errors name the file and the line. */
    public static TokenFile load(Path file) throws IOException {
        Map<String, TokenUser> users = new LinkedHashMap<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            int lineNumber = i + 1;
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            List<String> record = CsvLine.parse(line).orElseThrow(() -> new InvalidTokenFileException(
                    "token file '" + file + "' line " + lineNumber + ": unterminated quoted field"));
            if (record.size() < 3) {
                throw new InvalidTokenFileException("token file '" + file + "' line " + lineNumber
                        + ": must have at least 3 columns (token, user name, user uid), found " + record.size());
            }
            String token = record.get(0);
            if (token.isEmpty()) {
                LOG.warn("empty token has been found in token file '{}', line {}", file, lineNumber);
                continue;
            }
            if (users.containsKey(token)) {
                LOG.warn("duplicate token has been found in token file '{}', line {}", file, lineNumber);
            }
            List<String> groups = record.size() >= 4 ? List.of(record.get(3).split(",")) : List.of();
            users.put(token, new TokenUser(record.get(1), record.get(2), groups));
        }
        return new TokenFile(users);
    }

    /**
     * The token file at {@code file}, first creating it (mode 0600) with one random token for {@link #ADMIN} if it
     * does not exist.
     */
    public static TokenFile generate(Path file) throws IOException {
        if (!Files.exists(file)) {
            byte[] secret = new byte[32];
            new SecureRandom().nextBytes(secret);
            String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
            String line = token + "," + ADMIN.name() + "," + ADMIN.uid() + ",\"" + String.join(",", ADMIN.groups())
                    + "\"\n";
            Files.createDirectories(file.toAbsolutePath().getParent());
            try {
                SecureFiles.createOwnerOnly(file, line);
            } catch (FileAlreadyExistsException raced) {
                LOG.debug("{} was created concurrently; using it", file);
            }
        }
        return load(file);
    }

    /** Token → user. */
    public Map<String, TokenUser> users() {
        return users;
    }

    /** A token of a {@code system:masters} member, for writing an administrator's kubeconfig. */
    public Optional<String> adminToken() {
        return users.entrySet().stream()
                .filter(e -> e.getValue().groups().contains("system:masters"))
                .map(Map.Entry::getKey)
                .findFirst();
    }

    /** One CSV line split into fields (RFC 4180 quoting, as Go's encoding/csv reads it). */
    private static final class CsvLine {

        static Optional<List<String>> parse(String line) {
            List<String> fields = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            boolean quoted = false;
            for (int i = 0; i < line.length(); i++) {
                char c = line.charAt(i);
                if (quoted) {
                    if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else if (c == '"') {
                        quoted = false;
                    } else {
                        field.append(c);
                    }
                } else if (c == '"') {
                    quoted = true;
                } else if (c == ',') {
                    fields.add(field.toString());
                    field.setLength(0);
                } else {
                    field.append(c);
                }
            }
            if (quoted) {
                return Optional.empty();
            }
            fields.add(field.toString());
            return Optional.of(fields);
        }
    }
}
