package dev.portcullis.core.internal.resilience;

import dev.portcullis.api.ExchangeEvent.ShedReason;
import dev.portcullis.api.ExchangeListener;
import dev.portcullis.api.GatewayRequest;
import dev.portcullis.api.UpstreamEvent;
import dev.portcullis.api.routing.Upstream;
import dev.portcullis.api.routing.UpstreamGroup;
import dev.portcullis.core.client.UpstreamClient;
import dev.portcullis.core.resilience.OutlierEjection;
import dev.portcullis.core.resilience.Resilience;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The resilience state of one route's upstream group: which instances may serve (active health, passive ejection),
 * its circuit breaker and its retry budget. Thread-safe: the per-request reads take no lock; changes of health or
 * ejection take this object's monitor for a few steps and call no one while holding it (events are emitted after).
 */
public final class GroupState implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GroupState.class);
    private final String routeId;
    private final List<Upstream> instances;
    private final InstanceState[] states;
    private final Resilience settings;
    private final Timer timer;
    private final ExchangeListener listener;
    private final Breaker breaker;
    private final Optional<RetryBudget> budget;
    private final Optional<HealthChecker> checker;
    private volatile int outOfRotation;
    private int ejected;
    private boolean closed;

    GroupState(String routeId, List<Upstream> instances, Resilience settings, Timer timer, ExchangeListener listener,
               UpstreamClient client) {
        this.routeId = routeId;
        this.instances = instances;
        this.states = instances.stream().map(InstanceState::new).toArray(InstanceState[]::new);
        this.settings = settings;
        this.timer = timer;
        this.listener = listener;
        this.breaker = new Breaker(settings.circuitBreaker());
        this.budget = settings.retries().map(retries -> new RetryBudget(retries, timer));
        this.checker = settings.healthCheck().map(check -> new HealthChecker(check, instances, client, timer,
                this::checked));
    }

    /** Starts the active health checks, if the route has them. */
    void start() {
        checker.ifPresent(HealthChecker::start);
    }

    /** @return the route's settings */
    public Resilience settings() {
        return settings;
    }

    /** @return the route's retry budget, when it retries */
    public Optional<RetryBudget> budget() {
        return budget;
    }

    /**
     * @param tried which instances (by position) this request tried already, or null for its first try
     * @return the instances that may serve: healthy and not ejected; when ejections leave none, every healthy one;
     *     for a retry the untried ones among them when there are any. Empty when no instance is healthy
     */
    public List<Upstream> eligible(boolean[] tried) {
        if (outOfRotation == 0 && tried == null) {
            return instances;
        }
        boolean anyHealthy = false;
        boolean anyServing = false;
        for (InstanceState state : states) {
            anyHealthy |= !state.unhealthy;
            anyServing |= !state.outOfRotation();
        }
        if (!anyHealthy) {
            return List.of();
        }
        List<Upstream> untried = select(tried, !anyServing);
        return untried.isEmpty() ? select(null, !anyServing) : untried;
    }

    private List<Upstream> select(boolean[] tried, boolean ejectedToo) {
        List<Upstream> chosen = new ArrayList<>(states.length);
        for (int i = 0; i < states.length; i++) {
            InstanceState state = states[i];
            if (!state.unhealthy && (ejectedToo || !state.ejected) && (tried == null || !tried[i])) {
                chosen.add(state.instance);
            }
        }
        return chosen;
    }

    /**
     * @param instance one of the group's instances, as its group returned it
     * @return its position in configuration order
     */
    public int indexOf(Upstream instance) {
        for (int i = 0; i < states.length; i++) {
            if (states[i].instance == instance) {
                return i;
            }
        }
        for (int i = 0; i < states.length; i++) {
            if (states[i].instance.equals(instance)) { // a group of a later configuration with the same instances
                return i;
            }
        }
        throw new IllegalArgumentException(instance + " is not an instance of route " + routeId);
    }

    /** @return null when one more upstream request fits the circuit breaker (then lease or release it), else the full cap */
    public ShedReason tryAcquire() {
        return breaker.tryAcquire();
    }

    /** Gives back a place {@link #tryAcquire()} took for a request that was never sent. */
    public void releaseUnused() {
        breaker.settled();
        breaker.release();
    }

    /**
     * @param group the route's group, told when the request ends
     * @param chosen where the request goes
     * @param request the request as the balancer saw it
     * @return the lease of the place {@link #tryAcquire()} took
     */
    public Lease lease(UpstreamGroup group, Upstream chosen, GatewayRequest request) {
        return new Lease(breaker, () -> {
            try {
                group.exchangeEnded(chosen, request);
            } catch (RuntimeException e) {
                LOG.warn("route {}: the load balancer failed when an exchange ended", routeId, e);
            }
        });
    }

    /** @param index a request to this instance got an answer that is no failure */
    public void succeeded(int index) {
        if (states[index].failuresInARow.get() != 0) {
            states[index].failuresInARow.set(0);
        }
    }

    /** @param index a request to this instance failed; enough in a row eject it (see {@link OutlierEjection}) */
    public void failed(int index) {
        OutlierEjection ejection = settings.outlierEjection();
        InstanceState state = states[index];
        if (!ejection.enabled() || state.failuresInARow.incrementAndGet() < ejection.consecutiveFailures()) {
            return;
        }
        Duration duration;
        synchronized (this) {
            if (closed || state.ejected || state.failuresInARow.get() < ejection.consecutiveFailures()) {
                return;
            }
            state.failuresInARow.set(0);
            if (ejected >= ejection.maxEjected(states.length)) {
                return;
            }
            long now = timer.nanoTime();
            if (state.ejections > 0 && now - state.restoredAtNanos > ejection.maxEjectionTime().toNanos()) {
                state.ejections = 0;
            }
            state.ejections++;
            duration = ejection.baseEjectionTime().multipliedBy(state.ejections);
            duration = duration.compareTo(ejection.maxEjectionTime()) > 0 ? ejection.maxEjectionTime() : duration;
            state.ejected = true;
            ejected++;
            recount();
        }
        timer.schedule(() -> restore(state), duration);
        listener.onUpstreamEvent(new UpstreamEvent.Ejected(routeId, state.instance.uri(), duration));
    }

    private void restore(InstanceState state) {
        synchronized (this) {
            if (closed || !state.ejected) {
                return;
            }
            state.ejected = false;
            state.restoredAtNanos = timer.nanoTime();
            state.failuresInARow.set(0);
            ejected--;
            recount();
        }
        listener.onUpstreamEvent(new UpstreamEvent.Restored(routeId, state.instance.uri()));
    }

    /**
     * @param index the instance checked
     * @param passed whether the check passed
     */
    void checked(int index, boolean passed) {
        InstanceState state = states[index];
        int threshold = passed ? settings.healthCheck().orElseThrow().healthyThreshold()
                : settings.healthCheck().orElseThrow().unhealthyThreshold();
        synchronized (this) {
            state.checksPassed = passed ? state.checksPassed + 1 : 0;
            state.checksFailed = passed ? 0 : state.checksFailed + 1;
            int run = passed ? state.checksPassed : state.checksFailed;
            if (closed || state.unhealthy != passed || run < threshold) {
                return;
            }
            state.unhealthy = !passed;
            recount();
        }
        listener.onUpstreamEvent(new UpstreamEvent.HealthChanged(routeId, state.instance.uri(), passed));
    }

    private void recount() {
        int count = 0;
        for (InstanceState state : states) {
            count += state.outOfRotation() ? 1 : 0;
        }
        outOfRotation = count;
    }

    /** Ends the state's own work: no more checks run, ejections end or events fire. */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
        }
        checker.ifPresent(HealthChecker::close);
    }
}
