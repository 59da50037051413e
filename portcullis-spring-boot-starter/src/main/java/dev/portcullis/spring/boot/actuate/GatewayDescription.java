package dev.portcullis.spring.boot.actuate;

import dev.portcullis.api.Interceptor;
import dev.portcullis.api.Pipeline;
import dev.portcullis.api.routing.InstanceStates;
import dev.portcullis.api.routing.Route;
import dev.portcullis.api.routing.Routing;
import dev.portcullis.api.routing.Upstream;
import java.util.List;

/**
 * What the {@code portcullis} Actuator endpoint answers: the stages in order and the routes with their upstream
 * instances and states. It is made from the gateway's read-only public view only (stage names, route ids, path
 * patterns, timeouts, instance URIs, which never carry user info), so no key, token, store address or route metadata value can
 * appear in it.
 *
 * <pre>{@code
 * GatewayDescription description = GatewayDescription.of(filter.gateway().pipeline(), states);
 * }</pre>
 *
 * @param pipeline the stage names, in the order a request meets them
 * @param routes the routes, in match order
 */
public record GatewayDescription(List<String> pipeline, List<RouteDescription> routes) {

    /**
     * @param pipeline the pipeline new exchanges run
     * @param states what is known of each instance
     * @return its description
     */
    public static GatewayDescription of(Pipeline pipeline, InstanceStates states) {
        return new GatewayDescription(pipeline.interceptors().stream().map(Interceptor::name).toList(),
                Routing.routes(pipeline).stream().map(route -> RouteDescription.of(route, states)).toList());
    }

    /**
     * One route.
     *
     * @param id its id
     * @param path its path pattern
     * @param connectTimeoutMs the upstream connect timeout
     * @param responseTimeoutMs the upstream response-headers timeout
     * @param upstreams its instances
     */
    public record RouteDescription(String id, String path, long connectTimeoutMs, long responseTimeoutMs,
                                   List<InstanceDescription> upstreams) {
        static RouteDescription of(Route route, InstanceStates states) {
            return new RouteDescription(route.id(), route.pathPattern(), route.connectTimeout().toMillis(),
                    route.responseTimeout().toMillis(), route.upstreams().instances().stream()
                    .map(instance -> InstanceDescription.of(route, instance, states)).toList());
        }
    }

    /**
     * One upstream instance.
     *
     * @param uri its base URI
     * @param weight its share of the route's requests
     * @param state what the gateway knows of it, e.g. {@code configured}, {@code healthy}, {@code ejected}
     */
    public record InstanceDescription(String uri, int weight, String state) {
        static InstanceDescription of(Route route, Upstream instance, InstanceStates states) {
            return new InstanceDescription(instance.uri().toString(), instance.weight(),
                    states.state(route, instance));
        }
    }
}
