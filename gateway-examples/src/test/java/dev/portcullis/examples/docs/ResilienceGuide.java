package dev.portcullis.examples.docs;

import dev.portcullis.api.ExchangeEvent;
import dev.portcullis.api.ExchangeListener;
import dev.portcullis.api.Pipeline;
import dev.portcullis.api.UpstreamEvent;
import dev.portcullis.api.routing.HashKey;
import dev.portcullis.api.routing.LoadBalancers;
import dev.portcullis.api.routing.Route;
import dev.portcullis.core.resilience.CircuitBreaker;
import dev.portcullis.core.resilience.HealthCheck;
import dev.portcullis.core.resilience.OutlierEjection;
import dev.portcullis.core.resilience.Resilience;
import dev.portcullis.core.resilience.Retries;
import dev.portcullis.servlet.GatewayFilter;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The fragments of docs/resilience.md, compiled; {@code GuidesBuildTest} builds them. */
final class ResilienceGuide {
    private static final Logger log = LoggerFactory.getLogger(ResilienceGuide.class);

    private ResilienceGuide() {
    }

    /** Whatever counts sheds in the listener example: a metrics counter of yours. */
    interface ShedCounter {
        void increment(String routeId, ExchangeEvent.ShedReason reason);
    }

    static Route resilience() {
        // tag::resilience[]
        Route orders = Route.builder("orders").path("/orders/**")
            .upstream("http://10.0.0.5:8080").upstream("http://10.0.0.6:8080").upstream("http://10.0.0.7:8080")
            .loadBalancer(LoadBalancers.leastRequests())
            .responseTimeout(Duration.ofSeconds(5))
            .metadata(Resilience.KEY, Resilience.builder()
                .healthCheck(HealthCheck.builder("/health")                       // GET http://10.0.0.5:8080/health ...
                    .interval(Duration.ofSeconds(5)).timeout(Duration.ofSeconds(1))
                    .unhealthyThreshold(3).healthyThreshold(2)
                    .build())
                .outlierEjection(OutlierEjection.builder()
                    .consecutiveFailures(5).countServerErrors(true)
                    .baseEjectionTime(Duration.ofSeconds(30)).maxEjectedPercent(50)
                    .build())
                .circuitBreaker(CircuitBreaker.builder().maxRequests(200).maxPending(50).build())
                .retries(Retries.builder()
                    .maxRetries(2).statuses(503)                                   // plus connect failures and resets
                    .perTryTimeout(Duration.ofSeconds(2)).overallTimeout(Duration.ofSeconds(5))
                    .build())
                .build())
            .build();
        // end::resilience[]
        return orders;
    }

    static Route consistentHash() {
        // tag::consistent-hash[]
        Route carts = Route.builder("carts").path("/carts/**")
            .upstream("http://10.0.0.5:8080").upstream("http://10.0.0.6:8080", 2)
            .loadBalancer(LoadBalancers.consistentHash(HashKey.cookie("SESSION")))   // or header("X-Tenant"), clientAddress()
            .build();
        // end::consistent-hash[]
        return carts;
    }

    static GatewayFilter events(Pipeline pipeline, ShedCounter shedCounter) {
        // tag::events[]
        GatewayFilter filter = GatewayFilter.builder().pipeline(pipeline)
            .listener(new ExchangeListener() {
                @Override
                public void onEvent(ExchangeEvent event) {
                    if (event instanceof ExchangeEvent.UpstreamShed shed) {
                        shedCounter.increment(shed.routeId(), shed.reason());
                    }
                }

                @Override
                public void onUpstreamEvent(UpstreamEvent event) {
                    if (event instanceof UpstreamEvent.Ejected ejected) {
                        log.warn("{} ejected {} for {}", ejected.routeId(), ejected.instance(), ejected.duration());
                    }
                }
            })
            .build();
        // end::events[]
        return filter;
    }
}
