package dev.portcullis.ratelimit;

import dev.portcullis.api.GatewayRequest;
import java.util.Optional;

/**
 * Names the bucket a request draws from: one bucket per distinct key and policy. {@link KeyResolvers} has the
 * standard ones (client IP, subject, API key, header, route, composites); implement this for anything else.
 *
 * <p>Contract: thread-safe, cheap, no I/O. Return empty when the request carries no key of this kind; the policy then
 * uses its fallback (by default the client IP), never a free pass. Keys of different resolvers should not collide, so
 * start them with a kind prefix ({@code tenant:acme}). Keys longer than 96 characters are hashed by the limiter.
 *
 * <pre>{@code
 * KeyResolver tenant = request -> request.attribute(TENANT).map(t -> "tenant:" + t.id());
 * }</pre>
 */
@FunctionalInterface
public interface KeyResolver {

    /**
     * @param request the request
     * @return the key, or empty when this request has none
     */
    Optional<String> resolve(GatewayRequest request);
}
