package dev.portcullis.config.internal;

import dev.portcullis.api.auth.AccessPolicy;
import dev.portcullis.api.auth.Authenticator;
import dev.portcullis.api.auth.Authenticators;
import dev.portcullis.api.auth.CredentialRelay;
import dev.portcullis.api.routing.HashKey;
import dev.portcullis.api.routing.LoadBalancer;
import dev.portcullis.api.routing.LoadBalancers;
import dev.portcullis.api.routing.Route;
import dev.portcullis.api.routing.RouteTable;
import dev.portcullis.config.internal.model.HashKeyModel;
import dev.portcullis.config.internal.model.RouteModel;
import dev.portcullis.config.internal.model.TimeoutsModel;
import dev.portcullis.config.internal.model.UpstreamModel;
import dev.portcullis.core.accesslog.AccessLogSampling;
import dev.portcullis.core.guard.RequestGuards;
import dev.portcullis.core.resilience.Resilience;
import dev.portcullis.core.transform.Transform;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Maps {@code routes} onto {@link Route.Builder}s: predicates, rewrites, upstreams, balancer, timeouts, and the
 * per-route metadata later stages read (access policy, authenticators, guard, transform, credential relay, and
 * through the rate-limit feature the route's policy).
 *
 * <pre>{@code
 * RouteTable table = new RouteAssembler(context, authenticators, rateLimit).table();
 * }</pre>
 */
final class RouteAssembler {
    private final AssemblyContext context;
    private final Map<String, Authenticator> authenticators;
    private final RateLimitFeature rateLimit;

    /**
     * @param context the load
     * @param authenticators the file's authenticators by name
     * @param rateLimit the rate-limit feature, or null when the file has none
     */
    RouteAssembler(AssemblyContext context, Map<String, Authenticator> authenticators, RateLimitFeature rateLimit) {
        this.context = context;
        this.authenticators = authenticators;
        this.rateLimit = rateLimit;
    }

    /** @return the route table, or null when a route failed (the findings say why) */
    RouteTable table() {
        List<RouteModel> models = context.model().routes();
        List<Route> routes = new ArrayList<>();
        for (RouteModel model : models) {
            routes.add(route(model));
        }
        if (routes.contains(null)) {
            return null;
        }
        return context.attempt(context.origins().of(models), () -> RouteTable.of(routes));
    }

    private Route route(RouteModel model) {
        Route.Builder route = context.attempt(context.at(model, "id"), () -> Route.builder(model.id()));
        if (route == null) {
            return null;
        }
        set(model, "path", model.path(), route::path);
        set(model, "hosts", model.hosts(), hosts -> route.host(hosts.toArray(String[]::new)));
        set(model, "methods", model.methods(), methods -> route.methods(methods.toArray(String[]::new)));
        pairs(model.headers(), route::header);
        pairs(model.query(), route::query);
        set(model, "predicates", model.predicates(), names -> {
            names.forEach(name -> route.predicate(context.options().custom().predicates().get(name)));
            return route;
        });
        set(model, "stripPrefix", model.stripPrefix(), route::stripPrefix);
        set(model, "rewrite", model.rewrite(), rewrite -> route.rewrite(rewrite.regex(), rewrite.replacement()));
        set(model, "addPrefix", model.addPrefix(), route::addPrefix);
        for (UpstreamModel upstream : model.upstreams()) {
            context.attempt(context.origins().of(upstream), () -> upstream.weight() == null
                    ? route.upstream(upstream.uri()) : route.upstream(upstream.uri(), upstream.weight()));
        }
        set(model, "loadBalancer", model.loadBalancer(), balancer -> route.loadBalancer(balancer(balancer,
                model.hashKey())));
        set(model, "customLoadBalancer", model.customLoadBalancer(),
                name -> route.loadBalancer(context.options().custom().loadBalancers().get(name)));
        if (model.resilience() != null) {
            set(model, "resilience", new ResilienceAssembler(context).resilience(model.resilience()),
                    resilience -> route.metadata(Resilience.KEY, resilience));
        }
        timeouts(model.timeouts(), route);
        set(model, "preserveHost", model.preserveHost(), route::preserveHost);
        metadata(model, route);
        if (rateLimit != null) {
            rateLimit.decorate(model, route);
        }
        return context.attemptIn(model, route::build);
    }

    private void metadata(RouteModel model, Route.Builder route) {
        if (model.access() != null) {
            AccessPolicy policy = new Policies(context).access(model.access());
            if (policy != null) {
                route.metadata(AccessPolicy.KEY, policy);
            }
        }
        set(model, "authenticators", model.authenticators(),
                names -> route.metadata(Authenticators.KEY, choose(authenticators, names)));
        if (model.guard() != null) {
            set(model, "guard", new Policies(context).guard(model.guard()),
                    policy -> route.metadata(RequestGuards.POLICY, policy));
        }
        if (model.transform() != null) {
            route.metadata(Transform.ROUTE, new Transforms(context).transform(model.transform()));
        }
        if (model.accessLog() != null) {
            set(model, "accessLog", new ObservabilityAssembler(context).sampling(model.accessLog()),
                    sampling -> route.metadata(AccessLogSampling.ROUTE, sampling));
        }
        set(model, "credentialRelay", model.credentialRelay(), relay -> route.metadata(CredentialRelay.KEY,
                relay == RouteModel.Relay.RELAY ? CredentialRelay.RELAY : CredentialRelay.STRIP));
    }

    private static LoadBalancer.Factory balancer(RouteModel.Balancer balancer, HashKeyModel key) {
        switch (balancer) {
            case ROUND_ROBIN:
                return LoadBalancers.roundRobin();
            case LEAST_REQUESTS:
                return LoadBalancers.leastRequests();
            case CONSISTENT_HASH:
                return LoadBalancers.consistentHash(key.header() != null ? HashKey.header(key.header())
                        : key.cookie() != null ? HashKey.cookie(key.cookie()) : HashKey.clientAddress());
            default:
                return LoadBalancers.weightedRoundRobin();
        }
    }

    /**
     * @param byName the file's authenticators
     * @param names authenticator names, checked to exist before the assembly
     * @return them as the DSL's {@link Authenticators}; none is {@link Authenticators#anonymous()}
     */
    static Authenticators choose(Map<String, Authenticator> byName, List<String> names) {
        List<Authenticator> chosen = names.stream().map(byName::get).filter(Objects::nonNull).toList();
        if (chosen.isEmpty()) {
            return Authenticators.anonymous();
        }
        return Authenticators.of(chosen.get(0), chosen.subList(1, chosen.size()).toArray(Authenticator[]::new));
    }

    private void timeouts(TimeoutsModel timeouts, Route.Builder route) {
        if (timeouts == null) {
            return;
        }
        set(timeouts, "connect", timeouts.connect(), route::connectTimeout);
        set(timeouts, "response", timeouts.response(), route::responseTimeout);
        set(timeouts, "idle", timeouts.idle(), route::idleTimeout);
    }

    private void pairs(Map<String, String> pairs, java.util.function.BiFunction<String, String, Route.Builder> add) {
        if (pairs != null) {
            pairs.forEach((name, regex) -> context.attempt(context.at(pairs, name), () -> add.apply(name, regex)));
        }
    }

    private <V> void set(Object section, String setting, V value, Function<V, ?> apply) {
        context.set(section, setting, value, apply);
    }
}
