package dev.portcullis.core.internal.resilience;

import dev.portcullis.api.ExchangeListener;
import dev.portcullis.api.routing.Route;
import dev.portcullis.api.routing.UpstreamGroup;
import dev.portcullis.core.client.UpstreamClient;
import dev.portcullis.core.resilience.Resilience;
import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The resilience state of every upstream group the proxy has sent to, created with the group's first request (so
 * its health checks start then) and keyed by the group's identity. The registry holds its groups weakly: when a
 * route table is replaced and its groups are no longer reachable, their states are closed (their health checks stop)
 * on a later lookup, so replacing routes leaks nothing. {@link #close()} closes every state. Lookups take no lock.
 */
public final class GroupStates implements AutoCloseable {
    private final ConcurrentHashMap<GroupKey, GroupState> states = new ConcurrentHashMap<>();
    private final ReferenceQueue<UpstreamGroup> collected = new ReferenceQueue<>();
    private final Timer timer;
    private final ExchangeListener listener;
    private final UpstreamClient client;

    /**
     * @param timer time and scheduling for checks, ejections and retries
     * @param listener hears the instances' events
     * @param client sends the health checks
     */
    public GroupStates(Timer timer, ExchangeListener listener, UpstreamClient client) {
        this.timer = timer;
        this.listener = listener;
        this.client = client;
    }

    /**
     * @param route a route
     * @return the state of its upstream group, created with the route's {@link Resilience#KEY} settings (or the
     *     defaults) on first use
     */
    public GroupState of(Route route) {
        expunge();
        UpstreamGroup group = route.upstreams();
        GroupState state = states.get(new Lookup(group));
        if (state != null) {
            return state;
        }
        boolean[] created = new boolean[1];
        state = states.computeIfAbsent(new WeakKey(group, collected), key -> {
            created[0] = true;
            return new GroupState(route.id(), group.instances(),
                    route.metadata().get(Resilience.KEY).orElse(Resilience.defaults()), timer, listener, client);
        });
        if (created[0]) {
            state.start();
        }
        return state;
    }

    private void expunge() {
        for (Reference<? extends UpstreamGroup> gone = collected.poll(); gone != null; gone = collected.poll()) {
            GroupState state = states.remove((GroupKey) gone);
            if (state != null) {
                state.close();
            }
        }
    }

    /** Closes every group's state. */
    @Override
    public void close() {
        states.values().forEach(GroupState::close);
        states.clear();
    }

    /** A key that compares by the identity of its group; a key whose group is gone equals only itself. */
    private interface GroupKey {
        UpstreamGroup group();

        static boolean same(GroupKey key, Object other) {
            if (key == other) {
                return true;
            }
            UpstreamGroup group = key.group();
            return group != null && other instanceof GroupKey that && that.group() == group;
        }
    }

    /** The stored key: does not keep its group alive. */
    private static final class WeakKey extends WeakReference<UpstreamGroup> implements GroupKey {
        private final int hash;

        WeakKey(UpstreamGroup group, ReferenceQueue<UpstreamGroup> queue) {
            super(group, queue);
            this.hash = System.identityHashCode(group);
        }

        @Override
        public UpstreamGroup group() {
            return get();
        }

        @Override
        public boolean equals(Object other) {
            return GroupKey.same(this, other);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    /** A lookup key, for the length of one lookup. */
    private record Lookup(UpstreamGroup group) implements GroupKey {
        @Override
        public boolean equals(Object other) {
            return GroupKey.same(this, other);
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(group);
        }
    }
}
