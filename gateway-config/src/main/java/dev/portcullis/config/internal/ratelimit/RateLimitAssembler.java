package dev.portcullis.config.internal.ratelimit;

import dev.portcullis.api.Interceptor;
import dev.portcullis.api.ratelimit.RateLimiting;
import dev.portcullis.api.routing.Route;
import dev.portcullis.api.routing.RouteTable;
import dev.portcullis.config.internal.AssemblyContext;
import dev.portcullis.config.internal.RateLimitFeature;
import dev.portcullis.config.internal.model.LimiterModel;
import dev.portcullis.config.internal.model.RateLimitingModel;
import dev.portcullis.config.internal.model.RouteModel;
import dev.portcullis.ratelimit.BucketStore;
import dev.portcullis.ratelimit.LocalBucketStore;
import dev.portcullis.ratelimit.PolicyRateLimiter;
import dev.portcullis.ratelimit.RateLimitPolicy;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * gateway-ratelimit's part of the assembly: bucket stores (reused across a reload that leaves their section
 * unchanged, so the buckets keep counting; a custom one is the application's registered object, never closed
 * here), policies, the route policies, and one {@link PolicyRateLimiter} stage
 * per limiter. A limiter without a store of its own gets a local store kept under the limiter's name, so its
 * buckets survive reloads too. Loaded by name, only when the file uses gateway-ratelimit.
 *
 * <pre>{@code
 * RateLimitFeature rateLimit = new RateLimitAssembler();
 * rateLimit.prepare(context);
 * Interceptor perIp = rateLimit.limiter("ipLimit", routes, context);
 * }</pre>
 */
public final class RateLimitAssembler implements RateLimitFeature {
    private final Map<String, BucketStore> stores = new LinkedHashMap<>();
    private final Map<String, RateLimitPolicy> policies = new LinkedHashMap<>();

    /** Loaded reflectively by {@code Features}. */
    public RateLimitAssembler() {
    }

    @Override
    public void prepare(AssemblyContext context) {
        RateLimitingModel section = context.model().rateLimiting();
        if (section == null) {
            return;
        }
        if (section.stores() != null) {
            section.stores().forEach((name, store) -> {
                BucketStore built = store.custom() != null
                        ? context.registered(BucketStore.class, "custom bucket store", store, "custom", store.custom())
                        : context.components().get("store", name, store, () -> new Stores(context).store(store));
                if (built != null) {
                    stores.put(name, built);
                }
            });
        }
        if (section.policies() != null) {
            Policies build = new Policies(context, stores);
            section.policies().forEach((name, policy) -> {
                RateLimitPolicy built = build.policy(name, policy);
                if (built != null) {
                    policies.put(name, built);
                }
            });
        }
    }

    @Override
    public void decorate(RouteModel route, Route.Builder builder) {
        RateLimitPolicy policy = route.rateLimit() == null ? null : policies.get(route.rateLimit());
        if (policy != null) {
            builder.metadata(RateLimitPolicy.ROUTE, policy);
        }
    }

    @Override
    public Interceptor limiter(String name, RouteTable routes, AssemblyContext context) {
        LimiterModel section = context.model().rateLimiting().limiters().get(name);
        BucketStore store = section.store() != null ? stores.get(section.store())
                : context.components().get("limiter-store", name, null, () -> LocalBucketStore.builder().build());
        if (store == null) {
            return null;
        }
        PolicyRateLimiter.Builder limiter = PolicyRateLimiter.builder(store);
        if (section.defaultPolicy() != null) {
            RateLimitPolicy policy = policies.get(section.defaultPolicy());
            if (policy == null) {
                return null;
            }
            limiter.defaultPolicy(policy);
        }
        if (routes != null) {
            limiter.routes(routes);
        }
        PolicyRateLimiter built = context.attemptIn(section, limiter::build);
        if (built == null) {
            return null;
        }
        RateLimiting.Builder stage = RateLimiting.builder(built);
        if (section.name() != null) {
            stage.name(section.name());
        }
        if (section.legacyHeaders() != null) {
            stage.legacyHeaders(section.legacyHeaders());
        }
        if (Boolean.TRUE.equals(section.hideHeaders())) {
            stage.hideHeaders();
        }
        return context.attemptIn(section, stage::build);
    }
}
