package dev.portcullis.auth.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;

/**
 * The SHA-256 of a credential, usable as a map key: the credential itself is never kept.
 *
 * @param a bytes 0-7
 * @param b bytes 8-15
 * @param c bytes 16-23
 * @param d bytes 24-31
 */
public record Digest(long a, long b, long c, long d) {

    /** @param text a credential @return the SHA-256 of its UTF-8 bytes */
    public static Digest of(String text) {
        return of(sha256(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** @param hash 32 bytes @return the digest holding them */
    public static Digest of(byte[] hash) {
        if (hash.length != 32) {
            throw new IllegalArgumentException("a SHA-256 hash has 32 bytes, not " + hash.length);
        }
        ByteBuffer buffer = ByteBuffer.wrap(hash);
        return new Digest(buffer.getLong(), buffer.getLong(), buffer.getLong(), buffer.getLong());
    }

    /** @param bytes input @return its SHA-256 */
    public static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /**
     * @param hash a SHA-256 hash
     * @return its first 128 bits, base64url without padding: a short, stable, non-reversible id for keys and logs
     */
    public static String shortId(byte[] hash) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(hash, 16));
    }

    @Override
    public String toString() {
        return "Digest[sha256]";
    }
}
