package dev.portcullis.api.routing;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The position of each instance of a group, for balancers that keep state per instance in arrays. Read-only after
 * construction, so any number of threads may use it.
 */
final class InstanceIndex {
    private final Map<Upstream, Integer> positions = new HashMap<>();

    InstanceIndex(List<Upstream> instances) {
        for (int i = 0; i < instances.size(); i++) {
            positions.put(instances.get(i), i);
        }
    }

    /**
     * @param instance one of the group's instances, or an equal one
     * @return its position in configuration order
     * @throws IllegalArgumentException if it is not one of the group's
     */
    int of(Upstream instance) {
        Integer position = positions.get(instance);
        if (position == null) {
            throw new IllegalArgumentException(instance + " is not one of the group's instances");
        }
        return position;
    }
}
