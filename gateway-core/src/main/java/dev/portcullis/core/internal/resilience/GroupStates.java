package dev.portcullis.core.internal.resilience;

import dev.portcullis.api.ExchangeEvent;
import dev.portcullis.api.ExchangeListener;
import dev.portcullis.api.UpstreamEvent;
import dev.portcullis.api.routing.Route;
import dev.portcullis.api.routing.Upstream;
import dev.portcullis.core.client.UpstreamClient;
import dev.portcullis.core.resilience.Resilience;
import java.util.Collection;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The resilience state of every upstream group sent to through one upstream client, shared by the configurations
 * (snapshots) that share the client, so that a reload keeps the state of a group it did not change. A state is keyed
 * by value: the route id, the group's instances (with their weights) and the route's {@link Resilience} settings; it
 * is created with the group's first request (so its health checks start then). Each configuration {@linkplain
 * #hold holds} the keys of its routes (and of any other route it sends to) until it is released; a state no
 * configuration holds any more is closed (its health checks stop). Events go to the listener of the configuration
 * that held states last. Lookups take no lock once a configuration has used a key; {@link #close()} closes every state.
 *
 * <pre>{@code
 * GroupStates.Holder held = states.hold(Routing.routes(pipeline), listener);
 * GroupState state = held.of(route);   // per request
 * held.close();                         // once no exchange of the configuration runs any more
 * }</pre>
 */
public final class GroupStates implements AutoCloseable {
    private final ConcurrentHashMap<Key, GroupState> states = new ConcurrentHashMap<>();
    /** How many holders hold each key; guarded by this. */
    private final Map<Key, Integer> holds = new HashMap<>();
    private final Timer timer;
    private final UpstreamClient client;
    private final ExchangeListener events = new ExchangeListener() {
        @Override
        public void onEvent(ExchangeEvent event) {
            listener.onEvent(event);
        }

        @Override
        public void onUpstreamEvent(UpstreamEvent event) {
            listener.onUpstreamEvent(event);
        }
    };
    private volatile ExchangeListener listener = ExchangeListener.NONE;

    /**
     * @param timer time and scheduling for checks, ejections and retries
     * @param client sends the health checks
     */
    public GroupStates(Timer timer, UpstreamClient client) {
        this.timer = timer;
        this.client = client;
    }

    /**
     * @param routes the routes of a new configuration: the states of their groups live on until it is released
     * @param listener hears the instances' events from now on
     * @return the configuration's view of the states, to release once no exchange of it runs any more
     */
    public Holder hold(Collection<Route> routes, ExchangeListener listener) {
        this.listener = listener;
        Map<Route, Key> keys = new IdentityHashMap<>();
        routes.forEach(route -> keys.put(route, Key.of(route)));
        Set<Key> held = Set.copyOf(keys.values());
        synchronized (this) {
            held.forEach(key -> holds.merge(key, 1, Integer::sum));
        }
        return new Holder(keys, held);
    }

    private synchronized void hold(Key key) {
        holds.merge(key, 1, Integer::sum);
    }

    private synchronized void release(Collection<Key> keys) {
        for (Key key : keys) {
            if (holds.merge(key, -1, Integer::sum) == 0) {
                holds.remove(key);
                GroupState state = states.remove(key);
                if (state != null) {
                    state.close();
                }
            }
        }
    }

    private GroupState state(Key key, Route route) {
        GroupState state = states.get(key);
        if (state != null) {
            return state;
        }
        boolean[] created = new boolean[1];
        state = states.computeIfAbsent(key, k -> {
            created[0] = true;
            return new GroupState(route.id(), route.upstreams().instances(), k.settings(), timer, events, client);
        });
        if (created[0]) {
            state.start();
        }
        return state;
    }

    /** Closes every group's state. */
    @Override
    public void close() {
        synchronized (this) {
            holds.clear();
        }
        states.values().forEach(GroupState::close);
        states.clear();
    }

    /** One configuration's view of the states: the keys it holds. */
    public final class Holder implements AutoCloseable {
        /** The key of each listed route, by identity; never changed after construction, so read without a lock. */
        private final Map<Route, Key> routes;
        private final Set<Key> keys;
        /** Keys of routes the configuration did not list but sent to, held too. */
        private final Set<Key> others = ConcurrentHashMap.newKeySet();
        private boolean closed;

        private Holder(Map<Route, Key> routes, Set<Key> keys) {
            this.routes = routes;
            this.keys = keys;
        }

        /**
         * @param route a route of this configuration
         * @return the state of its upstream group, created with the route's {@link Resilience#KEY} settings (or the
         *     defaults) on first use, or the one an earlier configuration left with the same key
         */
        public GroupState of(Route route) {
            Key key = routes.get(route);
            if (key == null) {
                key = Key.of(route);
            }
            if (!keys.contains(key) && others.add(key)) {
                hold(key);
            }
            return state(key, route);
        }

        /** Releases the held keys: the states no other configuration holds are closed. Later calls do nothing. */
        @Override
        public void close() {
            synchronized (GroupStates.this) {
                if (closed) {
                    return;
                }
                closed = true;
            }
            release(keys);
            release(List.copyOf(others));
        }
    }

    /** What makes a group's state carry over: the same route id, instances (with weights) and settings. */
    private static final class Key {
        private final String routeId;
        private final List<Upstream> instances;
        private final Resilience settings;
        private final int hash;

        private Key(String routeId, List<Upstream> instances, Resilience settings) {
            this.routeId = routeId;
            this.instances = instances;
            this.settings = settings;
            this.hash = Objects.hash(routeId, instances, settings);
        }

        static Key of(Route route) {
            return new Key(route.id(), route.upstreams().instances(),
                    route.metadata().get(Resilience.KEY).orElse(Resilience.defaults()));
        }

        Resilience settings() {
            return settings;
        }

        @Override
        public boolean equals(Object other) {
            return other == this || other instanceof Key that && hash == that.hash && routeId.equals(that.routeId)
                    && instances.equals(that.instances) && settings.equals(that.settings);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }
}
