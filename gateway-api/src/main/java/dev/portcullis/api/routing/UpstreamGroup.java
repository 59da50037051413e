package dev.portcullis.api.routing;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The instances of one route and the choice among them. With equal weights it is plain round-robin (lock-free);
 * with different weights it is smooth weighted round-robin (as in nginx), which spreads each instance's share evenly
 * over a cycle of {@code sum(weights)} picks instead of sending bursts. Thread-safe; never blocks on I/O.
 *
 * <pre>{@code
 * UpstreamGroup group = UpstreamGroup.of(List.of(Upstream.of("http://a:80", 5), Upstream.of("http://b:80", 1),
 *     Upstream.of("http://c:80", 1)));
 * Upstream next = group.next();   // a, a, b, a, c, a, a, then again
 * }</pre>
 */
public final class UpstreamGroup {
    private final List<Upstream> instances;
    private final int totalWeight;
    private final boolean equalWeights;
    private final AtomicInteger turn = new AtomicInteger();
    private final long[] current;

    private UpstreamGroup(List<Upstream> instances) {
        if (instances.isEmpty()) {
            throw new IllegalArgumentException("an upstream group needs at least one upstream");
        }
        this.instances = List.copyOf(instances);
        this.totalWeight = instances.stream().mapToInt(Upstream::weight).sum();
        this.equalWeights = instances.stream().mapToInt(Upstream::weight).distinct().count() == 1;
        this.current = new long[instances.size()];
    }

    /**
     * @param instances one or more upstreams
     * @return the group
     * @throws IllegalArgumentException if the list is empty
     */
    public static UpstreamGroup of(List<Upstream> instances) {
        return new UpstreamGroup(Objects.requireNonNull(instances, "instances"));
    }

    /** @return the instances, in configuration order */
    public List<Upstream> instances() {
        return instances;
    }

    /** @return the instance to send the next request to */
    public Upstream next() {
        if (instances.size() == 1) {
            return instances.get(0);
        }
        if (equalWeights) {
            return instances.get(Math.floorMod(turn.getAndIncrement(), instances.size()));
        }
        synchronized (current) {
            int best = 0;
            for (int i = 0; i < current.length; i++) {
                current[i] += instances.get(i).weight();
                if (current[i] > current[best]) {
                    best = i;
                }
            }
            current[best] -= totalWeight;
            return instances.get(best);
        }
    }
}
