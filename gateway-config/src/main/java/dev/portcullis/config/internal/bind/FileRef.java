package dev.portcullis.config.internal.bind;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A file a setting names (a JSON Schema, a JWK set, API keys), resolved against the configuration file's directory
 * and fingerprinted when the configuration is read. Two references are equal when they name the same file with the
 * same content, so a changed file counts as a changed setting on reload.
 *
 * <pre>{@code
 * FileRef schema = ...;      // schemas/order.json, resolved to /etc/gateway/schemas/order.json
 * schema.path();             // the absolute path
 * schema.toString();         // "schemas/order.json", as written
 * }</pre>
 */
public final class FileRef {
    private final String written;
    private final Path path;
    private final String sha256;

    /**
     * @param written the path as the file writes it
     * @param path the resolved, absolute path
     * @param sha256 the hex SHA-256 of its content when read
     */
    public FileRef(String written, Path path, String sha256) {
        this.written = Objects.requireNonNull(written, "written");
        this.path = Objects.requireNonNull(path, "path");
        this.sha256 = Objects.requireNonNull(sha256, "sha256");
    }

    /** @return the absolute path */
    public Path path() {
        return path;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof FileRef that && path.equals(that.path) && sha256.equals(that.sha256);
    }

    @Override
    public int hashCode() {
        return path.hashCode();
    }

    @Override
    public String toString() {
        return written;
    }
}
