package dev.portcullis.config.internal.tree;

/**
 * One thing wrong with a configuration file: where, which setting, and what.
 *
 * <pre>{@code
 * new Finding(new Location("gateway.yaml", 14, 16), "routes[1].timeouts.connect",
 *     "expected a duration such as 250ms, 10s or 1m, found the string '5 seconds'");
 * }</pre>
 *
 * @param location where the offending value (or the map missing a setting) starts
 * @param path the setting's path, e.g. {@code routes[3].timeouts.connect}; empty for the whole file
 * @param message what is wrong, never quoting a secret
 */
public record Finding(Location location, String path, String message) {
}
