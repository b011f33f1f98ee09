package dev.berth.shim.security;

import java.io.IOException;

/** A token file that does not follow kube-apiserver's {@code --token-auth-file} format. */
public final class InvalidTokenFileException extends IOException {

    InvalidTokenFileException(String message) {
        super(message);
    }
}
