package dev.portcullis.examples.custom;

import dev.portcullis.api.GatewayRequest;
import dev.portcullis.config.RoutePredicateProvider;
import java.util.function.Predicate;

/**
 * Offers {@link InternalCaller} to configuration files as the route predicate {@code internal-caller}, found with
 * {@link java.util.ServiceLoader}.
 *
 * <pre>{@code
 * routes:
 *   - id: ops
 *     path: /ops/**
 *     predicates: [internal-caller]
 * }</pre>
 */
public final class InternalCallerProvider implements RoutePredicateProvider {
    @Override
    public String name() {
        return "internal-caller";
    }

    @Override
    public Predicate<GatewayRequest> predicate() {
        return InternalCaller.PREDICATE;
    }
}
