package dev.portcullis.config.internal.tree;

/**
 * Builds the path of a setting as errors print it: keys joined with {@code .}, list positions in brackets.
 *
 * <pre>{@code
 * SettingPath.child(SettingPath.index("routes", 3), "timeouts");   // "routes[3].timeouts"
 * }</pre>
 */
public final class SettingPath {
    private SettingPath() {
    }

    /**
     * @param parent the parent's path, empty for the root
     * @param key a key of the parent map
     * @return the key's path
     */
    public static String child(String parent, String key) {
        return parent.isEmpty() ? key : parent + '.' + key;
    }

    /**
     * @param parent the list's path
     * @param index a position in it, from 0
     * @return the item's path
     */
    public static String index(String parent, int index) {
        return parent + '[' + index + ']';
    }
}
