package dev.portcullis.config.internal.bind;

import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Function;

/**
 * Where the values a file refers to come from: the directory relative paths start in, and the environment that
 * {@code ${NAME}} secrets are read from.
 *
 * <pre>{@code
 * Sources sources = new Sources(Path.of("/etc/gateway"), System::getenv);
 * }</pre>
 *
 * @param directory the configuration file's directory
 * @param environment looks up an environment variable, null when it is not set
 */
public record Sources(Path directory, Function<String, String> environment) {
    /** Checks the values. */
    public Sources {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(environment, "environment");
    }
}
