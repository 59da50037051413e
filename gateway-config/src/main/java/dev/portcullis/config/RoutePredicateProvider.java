package dev.portcullis.config;

import dev.portcullis.api.GatewayRequest;
import java.util.function.Predicate;

/**
 * A custom route predicate found with {@link java.util.ServiceLoader}, for applications that cannot register one in
 * code (the standalone launcher): list the implementation in
 * {@code META-INF/services/dev.portcullis.config.RoutePredicateProvider} and name it in a route's {@code predicates}.
 * In code, use {@link InterceptorRegistry.Builder#addPredicate} instead. The predicate is tested on the routing
 * stage's thread for every request the route's other predicates accept: quick, thread-safe, no I/O.
 *
 * <pre>{@code
 * public final class InternalCallerProvider implements RoutePredicateProvider {
 *     public String name() { return "internal-caller"; }
 *     public Predicate<GatewayRequest> predicate() { return request -> request.clientAddress().isSiteLocalAddress(); }
 * }
 * }</pre>
 */
public interface RoutePredicateProvider {
    /** @return the predicate's name in the file */
    String name();

    /** @return the predicate a request must satisfy for the routes naming it */
    Predicate<GatewayRequest> predicate();
}
