package dev.portcullis.config.internal.bind;

import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A secret read from the environment ({@code ${NAME}}) or a file ({@code ${file:path}}), never written in the
 * configuration itself. {@link #toString()} shows the reference, never the value, so a secret cannot reach a log
 * through string concatenation. Two secrets are equal when their reference and their value are, so a rotated
 * secret counts as a changed setting on reload.
 *
 * <pre>{@code
 * Secret secret = SecretReader.read("${JWT_SECRET}", ...);
 * secret.toString();   // "${JWT_SECRET}"
 * secret.value();      // the secret itself
 * }</pre>
 */
public final class Secret {
    /** The pattern the JSON Schema publishes: a reference, never a literal. */
    public static final String PATTERN = "^\\$\\{(file:.+|[A-Za-z_][A-Za-z0-9_]*)\\}$";

    private final String reference;
    private final String value;

    /**
     * @param reference how the file names it, e.g. {@code ${JWT_SECRET}}
     * @param value the secret
     */
    public Secret(String reference, String value) {
        this.reference = Objects.requireNonNull(reference, "reference");
        this.value = Objects.requireNonNull(value, "value");
    }

    /** @return the secret itself; never log it */
    public String value() {
        return value;
    }

    /** @return the secret as UTF-8 bytes */
    public byte[] bytes() {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Secret that && reference.equals(that.reference)
                && MessageDigest.isEqual(bytes(), that.bytes());
    }

    @Override
    public int hashCode() {
        return reference.hashCode();
    }

    @Override
    public String toString() {
        return reference;
    }
}
