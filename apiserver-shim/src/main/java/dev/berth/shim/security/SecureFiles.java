package dev.berth.shim.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/** Writes files that hold secrets: owner read/write only from the moment they exist, replaced atomically. */
final class SecureFiles {

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private SecureFiles() {
    }

    /** Writes {@code text} to {@code file} with mode 0600, replacing it atomically. */
    static void writeOwnerOnly(Path file, String text) throws IOException {
        write(file, text, true);
    }

    /** Writes {@code text} (not secret, such as a certificate) to {@code file}, replacing it atomically. */
    static void writePublic(Path file, String text) throws IOException {
        write(file, text, false);
    }

    /** Creates {@code file} with mode 0600 holding {@code text}, failing if it already exists. */
    static void createOwnerOnly(Path file, String text) throws IOException {
        Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    private static void write(Path file, String text, boolean ownerOnly) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path temporary = dir.resolve("." + file.getFileName() + ".tmp");
        Files.deleteIfExists(temporary);
        try {
            if (ownerOnly) {
                createOwnerOnly(temporary, text);
            } else {
                Files.writeString(temporary, text, StandardCharsets.UTF_8);
            }
        } catch (FileAlreadyExistsException e) {
            throw new IOException("another process is writing " + file, e);
        }
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
