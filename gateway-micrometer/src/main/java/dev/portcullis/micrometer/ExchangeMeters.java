package dev.portcullis.micrometer;

import dev.portcullis.api.ExchangeEvent;
import dev.portcullis.api.ExchangeListener;
import dev.portcullis.api.GatewayRequest;
import dev.portcullis.api.routing.RouteMatch;
import dev.portcullis.api.routing.Routing;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Turns exchange events into meters: the request timer and response size per route, the in-flight gauge, upstream
 * call timers per instance, rejections per stage. Every tag value is a configured name (route id, instance, stage,
 * problem type; each capped) or a word from {@link TagValues}, never request data. Thread-safe; allocates nothing per
 * event once the meters it needs exist, but for the boxed status of a rejection.
 */
final class ExchangeMeters implements ExchangeListener {
    private static final int UNKNOWN_METHOD = TagValues.METHODS.length - 1;

    private final AtomicLong inFlight = new AtomicLong();
    private final RouteMeters unrouted;
    private final BoundedNames<RouteMeters> routes;
    private final BoundedNames<InstanceMeters> instances;
    private final BoundedNames<StageMeters> stages;

    ExchangeMeters(MeterRegistry registry, Duration[] slos, int maxNames) {
        Gauge.builder(GatewayMetrics.REQUESTS_ACTIVE, inFlight, AtomicLong::get)
                .description("Exchanges admitted and not yet ended")
                .register(registry);
        this.unrouted = new RouteMeters(registry, TagValues.NONE, slos);
        this.routes = new BoundedNames<>(maxNames, route -> new RouteMeters(registry, route, slos));
        this.instances = new BoundedNames<>(maxNames, instance -> new InstanceMeters(registry, instance, slos));
        this.stages = new BoundedNames<>(maxNames, stage -> new StageMeters(registry, stage));
    }

    @Override
    public void onEvent(ExchangeEvent event) {
        if (event instanceof ExchangeEvent.Ended ended) {
            ended(ended);
        } else if (event instanceof ExchangeEvent.Started) {
            inFlight.incrementAndGet();
        } else if (event instanceof ExchangeEvent.UpstreamAnswered answered) {
            instances.get(answered.instance().toString()).timer(TagValues.statusClass(answered.status()), 0)
                    .record(answered.timeToHeaders());
        } else if (event instanceof ExchangeEvent.UpstreamFailed failed) {
            instances.get(failed.instance().toString()).timer(0, TagValues.upstreamFailure(failed.problemType()))
                    .record(failed.elapsed());
        } else if (event instanceof ExchangeEvent.StageAnswered answered) {
            stages.get(answered.stage()).rejected(answered.problemType().orElse(TagValues.NONE), answered.status());
        }
    }

    private void ended(ExchangeEvent.Ended ended) {
        inFlight.decrementAndGet();
        RouteMeters route = unrouted;
        int method = UNKNOWN_METHOD;
        GatewayRequest request = ended.request().orElse(null);
        if (request != null) {
            method = TagValues.method(request.method());
            RouteMatch match = request.attribute(Routing.MATCH).orElse(null);
            if (match != null) {
                route = routes.get(match.route().id());
            }
        }
        route.timer(method, TagValues.statusClass(ended.status()), TagValues.outcome(ended.outcome()))
                .record(ended.duration());
        if (ended.bytesOut() >= 0) {
            route.wrote(ended.bytesOut());
        }
    }
}
