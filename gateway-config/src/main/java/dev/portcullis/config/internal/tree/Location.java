package dev.portcullis.config.internal.tree;

/**
 * Where something starts in a configuration file.
 *
 * <pre>{@code
 * new Location("gateway.yaml", 12, 7).toString();   // "gateway.yaml:12:7"
 * }</pre>
 *
 * @param file the file's name as the user gave it
 * @param line 1-based line
 * @param column 1-based column
 */
public record Location(String file, int line, int column) {
    @Override
    public String toString() {
        return file + ':' + line + ':' + column;
    }
}
