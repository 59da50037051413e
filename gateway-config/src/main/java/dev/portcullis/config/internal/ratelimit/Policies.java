package dev.portcullis.config.internal.ratelimit;

import dev.portcullis.api.ratelimit.FailureMode;
import dev.portcullis.config.internal.AssemblyContext;
import dev.portcullis.config.internal.model.LimitModel;
import dev.portcullis.config.internal.model.PolicyModel;
import dev.portcullis.ratelimit.BucketStore;
import dev.portcullis.ratelimit.KeyResolver;
import dev.portcullis.ratelimit.Limit;
import dev.portcullis.ratelimit.RateLimitPolicy;
import java.util.List;
import java.util.Map;

/**
 * Maps a policy section onto a {@link RateLimitPolicy}: its limits, key and fallback, costs, failure mode and store.
 *
 * <pre>{@code
 * RateLimitPolicy perUser = new Policies(context, stores).policy("per-user", policyModel);
 * }</pre>
 */
final class Policies {
    private final AssemblyContext context;
    private final Map<String, BucketStore> stores;

    Policies(AssemblyContext context, Map<String, BucketStore> stores) {
        this.context = context;
        this.stores = stores;
    }

    RateLimitPolicy policy(String name, PolicyModel section) {
        RateLimitPolicy.Builder policy = context.attempt(context.at(context.model().rateLimiting().policies(), name),
                () -> RateLimitPolicy.builder(name));
        if (policy == null) {
            return null;
        }
        for (LimitModel limit : section.limits()) {
            Limit built = context.attempt(context.origins().of(limit), () -> limit.refill() == LimitModel.Refill.GREEDY
                    ? Limit.greedy(limit.name(), limit.quota(), limit.window())
                    : Limit.interval(limit.name(), limit.quota(), limit.window()));
            if (built != null) {
                policy.limit(built);
            }
        }
        key(section, "key", section.key(), policy::key);
        key(section, "fallback", section.fallback(), policy::fallback);
        if (section.cost() != null) {
            policy.cost(section.cost());
        }
        if (section.methodCosts() != null) {
            section.methodCosts().forEach(policy::methodCost);
        }
        if (section.routeCosts() != null) {
            section.routeCosts().forEach(policy::routeCost);
        }
        if (section.failureMode() != null) {
            policy.failureMode(section.failureMode() == PolicyModel.Failure.FAIL_OPEN ? FailureMode.FAIL_OPEN
                    : FailureMode.FAIL_CLOSED);
        }
        if (section.unavailableRetryAfter() != null) {
            context.attempt(context.at(section, "unavailableRetryAfter"),
                    () -> policy.unavailableRetryAfter(section.unavailableRetryAfter()));
        }
        if (section.store() != null && stores.containsKey(section.store())) {
            policy.store(stores.get(section.store()));
        }
        return context.attemptIn(section, policy::build);
    }

    private void key(PolicyModel section, String setting, List<String> parts,
            java.util.function.Function<KeyResolver, RateLimitPolicy.Builder> set) {
        if (parts != null) {
            context.attempt(context.at(section, setting), () -> set.apply(Keys.resolver(parts)));
        }
    }
}
