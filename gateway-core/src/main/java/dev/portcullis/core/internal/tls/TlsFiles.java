package dev.portcullis.core.internal.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.UnrecoverableKeyException;
import java.util.Collections;
import java.util.List;

/**
 * Reads a store file named by a setting: a PEM file of certificates, or a PKCS12 or JKS key store (the format is
 * recognised from the contents, never from the name). Every failure is an {@link IllegalArgumentException} whose
 * message starts with the setting and the file; no message ever holds the password.
 *
 * <pre>{@code
 * KeyStore trust = TlsFiles.store("trustStore", Path.of("ca.pem"), null);
 * }</pre>
 */
public final class TlsFiles {
    /** The largest file read: a PEM bundle of every public root CA is about 250 KB. */
    static final long MAX_FILE_BYTES = 4L * 1024 * 1024;
    private static final byte[] PEM_START = "-----BEGIN ".getBytes(StandardCharsets.US_ASCII);

    private TlsFiles() {
    }

    /**
     * @param setting the setting that names the file, first in every error message
     * @param file a PEM file of certificates, or a PKCS12 or JKS key store
     * @param password the key store's password, {@code null} for a PEM file or a store without one
     * @return the store: for a PEM file, one trusted-certificate entry per certificate
     * @throws IllegalArgumentException naming the setting and the file when it is missing, unreadable, of no known
     *     format, or the password is wrong
     */
    public static KeyStore store(String setting, Path file, char[] password) {
        byte[] bytes = read(setting, file);
        if (isPem(bytes)) {
            return PemFiles.trustStore(setting, file, bytes);
        }
        for (String type : List.of("PKCS12", "JKS")) {
            try {
                KeyStore store = KeyStore.getInstance(type);
                store.load(new ByteArrayInputStream(bytes), password);
                return store;
            } catch (IOException e) {
                if (e.getCause() instanceof UnrecoverableKeyException) {
                    throw invalid(setting, file, "wrong password, or the store is damaged");
                }
            } catch (GeneralSecurityException e) {
                // not this type; try the next
            }
        }
        throw invalid(setting, file, "neither a PEM file nor a PKCS12 or JKS key store");
    }

    /**
     * @param setting the setting that names the file
     * @param file the file
     * @return its bytes
     * @throws IllegalArgumentException naming the setting and the file when it is missing, a directory, unreadable or
     *     larger than 4 MiB
     */
    static byte[] read(String setting, Path file) {
        if (!Files.exists(file)) {
            throw invalid(setting, file, "no such file");
        }
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw invalid(setting, file, "not a readable file");
        }
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw invalid(setting, file, "larger than " + MAX_FILE_BYTES / 1024 / 1024 + " MiB");
            }
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw invalid(setting, file, "cannot be read (" + e.getClass().getSimpleName() + ")");
        }
    }

    /**
     * @param store a loaded store
     * @param keys {@code true} to look for private key entries, {@code false} for certificates of any entry
     * @return whether the store holds at least one such entry
     */
    static boolean holds(KeyStore store, boolean keys) {
        try {
            for (String alias : Collections.list(store.aliases())) {
                if (keys ? store.isKeyEntry(alias) : store.getCertificate(alias) != null) {
                    return true;
                }
            }
            return false;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("a loaded key store cannot be listed", e);
        }
    }

    /**
     * @param setting the setting
     * @param file the file
     * @param reason what is wrong with it
     * @return the exception to throw: {@code setting: file: reason}
     */
    static IllegalArgumentException invalid(String setting, Path file, String reason) {
        return new IllegalArgumentException(setting + ": " + file + ": " + reason);
    }

    private static boolean isPem(byte[] bytes) {
        String head = new String(bytes, 0, Math.min(bytes.length, 4096), StandardCharsets.ISO_8859_1);
        return head.contains(new String(PEM_START, StandardCharsets.ISO_8859_1));
    }
}
