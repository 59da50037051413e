package dev.portcullis.config;

/**
 * One thing wrong with a configuration file: the file, the line and column where the offending value starts, the
 * setting's path and what is wrong. A message never holds a secret.
 *
 * <pre>{@code
 * gateway.yaml:14:16: routes[1].timeouts.connect: expected a duration such as 250ms, 10s or 1m, found '5 seconds'
 * }</pre>
 *
 * @param file the file as it was named to the loader
 * @param line 1-based line
 * @param column 1-based column
 * @param path the setting, e.g. {@code routes[3].timeouts.connect}; empty when the whole file is at fault
 * @param message what is wrong
 */
public record ConfigProblem(String file, int line, int column, String path, String message) {
    @Override
    public String toString() {
        return file + ':' + line + ':' + column + ": " + (path.isEmpty() ? "" : path + ": ") + message;
    }
}
