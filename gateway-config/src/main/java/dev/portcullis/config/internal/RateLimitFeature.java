package dev.portcullis.config.internal;

import dev.portcullis.api.Interceptor;
import dev.portcullis.api.routing.Route;
import dev.portcullis.api.routing.RouteTable;
import dev.portcullis.config.internal.model.RouteModel;

/**
 * The file's {@code rateLimiting} section, mapped onto gateway-ratelimit. The implementation lives in
 * {@code dev.portcullis.config.internal.ratelimit} and is loaded by name only when the file uses gateway-ratelimit.
 * One instance per load: {@link #prepare} builds the stores and policies the other methods use.
 *
 * <pre>{@code
 * rateLimit.prepare(context);
 * rateLimit.decorate(routeModel, routeBuilder);
 * Interceptor perIp = rateLimit.limiter("ipLimit", routes, context);
 * }</pre>
 */
public interface RateLimitFeature {
    /** @param context the load: stores (reused where unchanged) and policies are built now */
    void prepare(AssemblyContext context);

    /**
     * @param route a route of the file
     * @param builder its DSL builder, given the route's policy as metadata
     */
    void decorate(RouteModel route, Route.Builder builder);

    /**
     * @param name a limiter's name
     * @param routes the route table, so route policies are checked against the default policy
     * @param context the load
     * @return the limiter stage, or null when it failed
     */
    Interceptor limiter(String name, RouteTable routes, AssemblyContext context);
}
