package dev.portcullis.config.internal.bind;

import dev.portcullis.config.internal.tree.Location;
import dev.portcullis.config.internal.tree.SettingPath;

/**
 * Where a bound value came from: its place in the file and its setting path.
 *
 * <pre>{@code
 * Origin route = origins.of(routeModel);     // gateway.yaml:12:5, routes[3]
 * route.child("timeouts").path();            // "routes[3].timeouts"
 * }</pre>
 *
 * @param location where the value starts
 * @param path its setting path
 */
public record Origin(Location location, String path) {
    /**
     * @param key a setting below this one that has no origin of its own (it was not written)
     * @return the same place, with the setting's path
     */
    public Origin child(String key) {
        return new Origin(location, SettingPath.child(path, key));
    }
}
