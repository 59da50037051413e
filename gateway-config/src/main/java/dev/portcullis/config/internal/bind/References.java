package dev.portcullis.config.internal.bind;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads what a setting refers to outside the file: secrets ({@code ${NAME}} from the environment, {@code
 * ${file:path}} from a file) and named files (fingerprinted with SHA-256). Messages name the variable or the path,
 * never a value.
 *
 * <pre>{@code
 * References references = new References(new Sources(Path.of("/etc/gateway"), System::getenv));
 * Secret secret = references.secret("${JWT_SECRET}");
 * FileRef schema = references.file("schemas/order.json");
 * }</pre>
 */
public final class References {
    /** The largest secret file read, so a wrong path cannot make the gateway read a disk image. */
    private static final int MAX_SECRET_BYTES = 64 * 1024;
    private static final Pattern ENVIRONMENT = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)\\}");
    private static final Pattern FILE = Pattern.compile("\\$\\{file:(.+)\\}");

    private final Sources sources;

    /** @param sources the directory and environment to read from */
    public References(Sources sources) {
        this.sources = sources;
    }

    /**
     * @param reference {@code ${NAME}} or {@code ${file:path}}
     * @return the secret, its trailing line breaks removed
     * @throws IllegalArgumentException naming the variable or the file, or saying that a secret must be a
     *     reference; never quoting the text, which may be a secret written in by mistake
     */
    public Secret secret(String reference) {
        String text = reference.strip();
        Matcher variable = ENVIRONMENT.matcher(text);
        if (variable.matches()) {
            String value = sources.environment().apply(variable.group(1));
            if (value == null || value.isEmpty()) {
                throw new IllegalArgumentException("the environment variable " + variable.group(1) + " is not set");
            }
            return new Secret(text, value);
        }
        Matcher file = FILE.matcher(text);
        if (file.matches()) {
            return new Secret(text, readSecretFile(file.group(1)));
        }
        throw new IllegalArgumentException("a secret must be a reference, ${ENV_VAR} or ${file:path}, never the value "
                + "itself (the value is not shown)");
    }

    /**
     * @param written a path, relative to the configuration file's directory unless absolute
     * @return the file, fingerprinted
     * @throws IllegalArgumentException naming the path when it is not a readable regular file
     */
    public FileRef file(String written) {
        Path path = resolve(written);
        if (!Files.isRegularFile(path)) {
            throw new IllegalArgumentException("the file '" + written + "' does not exist (looked for " + path + ")");
        }
        try (InputStream in = Files.newInputStream(path)) {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[8192];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                sha256.update(buffer, 0, n);
            }
            return new FileRef(written, path, HexFormat.of().formatHex(sha256.digest()));
        } catch (IOException e) {
            throw new IllegalArgumentException("the file '" + written + "' cannot be read: "
                    + e.getClass().getSimpleName(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    private String readSecretFile(String written) {
        Path path = resolve(written);
        try {
            if (Files.size(path) > MAX_SECRET_BYTES) {
                throw new IllegalArgumentException("the secret file '" + written + "' is larger than 64 KiB");
            }
            String value = Files.readString(path, StandardCharsets.UTF_8).replaceAll("[\\r\\n]+$", "");
            if (value.isEmpty()) {
                throw new IllegalArgumentException("the secret file '" + written + "' is empty");
            }
            return value;
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("the secret file '" + written + "' does not exist (looked for " + path
                    + ")", e);
        } catch (IOException e) {
            throw new IllegalArgumentException("the secret file '" + written + "' cannot be read: "
                    + e.getClass().getSimpleName(), e);
        }
    }

    private Path resolve(String written) {
        return sources.directory().resolve(written).toAbsolutePath().normalize();
    }
}
