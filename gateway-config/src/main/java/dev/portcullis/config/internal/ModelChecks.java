package dev.portcullis.config.internal;

import dev.portcullis.config.internal.bind.Origin;
import dev.portcullis.config.internal.bind.Origins;
import dev.portcullis.config.internal.bind.Suggestions;
import dev.portcullis.config.internal.model.ClientModel;
import dev.portcullis.config.internal.model.GatewayModel;
import dev.portcullis.config.internal.model.LimiterModel;
import dev.portcullis.config.internal.model.PolicyModel;
import dev.portcullis.config.internal.model.RateLimitingModel;
import dev.portcullis.config.internal.model.RouteModel;
import dev.portcullis.config.internal.model.TraceContextModel;
import dev.portcullis.config.internal.tree.Findings;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The checks that span sections, run on the bound model before anything is built: unknown and repeated stages,
 * names that clash, repeated route ids, dangling references (a route naming a policy or authenticator that does not
 * exist), settings no stage reads, and stages whose section is missing.
 *
 * <pre>{@code
 * ModelChecks.check(model, origins, findings, options.custom());
 * findings.throwIfAny();
 * }</pre>
 */
final class ModelChecks {
    private final GatewayModel model;
    private final Origins origins;
    private final Findings findings;
    private final Set<String> customNames;
    private final Map<String, LimiterModel> limiters;
    private final Map<String, PolicyModel> policies;
    private final Map<String, ?> stores;
    private final List<RouteModel> routes;

    private ModelChecks(GatewayModel model, Origins origins, Findings findings, Set<String> customNames) {
        this.model = model;
        this.origins = origins;
        this.findings = findings;
        this.customNames = customNames;
        RateLimitingModel rateLimiting = model.rateLimiting();
        this.limiters = rateLimiting == null || rateLimiting.limiters() == null ? Map.of() : rateLimiting.limiters();
        this.policies = rateLimiting == null || rateLimiting.policies() == null ? Map.of() : rateLimiting.policies();
        this.stores = rateLimiting == null || rateLimiting.stores() == null ? Map.of() : rateLimiting.stores();
        this.routes = model.routes() == null ? List.of() : model.routes();
    }

    /**
     * @param model the bound model, free of binding findings
     * @param origins where its values came from
     * @param findings where problems go
     * @param custom the registered custom stages, load balancers and predicates
     */
    static void check(GatewayModel model, Origins origins, Findings findings, CustomStages custom) {
        ModelChecks checks = new ModelChecks(model, origins, findings, custom.names());
        checks.stageNames();
        checks.routeIds();
        checks.references();
        new StageCoverage(model, origins, findings).check();
        new UpstreamChecks(origins, findings, custom).check(checks.routes);
        checks.client();
        checks.observability();
    }

    private void observability() {
        if (model.gateway() == null) {
            return;
        }
        OffSwitch.check(model.gateway().accessLog(), "the access log", origins, findings);
        TraceContextModel trace = model.gateway().traceContext();
        if (trace != null && trace.trustedCallers() != null && trace.policy() != TraceContextModel.TracePolicy.TRUST) {
            add(origins.member(trace, "trustedCallers"), "only the trust policy has trusted callers");
        }
        if (trace != null && trace.sampleRate() != null && trace.policy() == TraceContextModel.TracePolicy.OFF) {
            add(origins.member(trace, "sampleRate"), "the off policy starts no traces to sample");
        }
    }

    private void stageNames() {
        Set<String> known = new LinkedHashSet<>(Stages.BUILT_IN);
        known.addAll(limiters.keySet());
        known.addAll(customNames);
        limiters.keySet().stream().filter(name -> Stages.BUILT_IN.contains(name) || customNames.contains(name))
                .forEach(name -> add(origins.member(limiters, name), "the limiter name '" + name
                        + "' is already a " + (customNames.contains(name) ? "custom" : "built-in") + " stage's"));
        unique(model.pipeline(), "stage", known);
        if (model.interceptors() != null) {
            model.interceptors().keySet().forEach(name -> {
                Origin at = origins.member(model.interceptors(), name);
                if (!customNames.contains(name)) {
                    add(at, "no custom interceptor is registered as '" + name + "'" + Suggestions.hint(name,
                            customNames));
                } else if (!model.pipeline().contains(name)) {
                    add(at, "'" + name + "' has settings but is not in the pipeline");
                }
            });
        }
    }

    private void routeIds() {
        Map<String, Integer> first = new HashMap<>();
        for (int i = 0; i < routes.size(); i++) {
            RouteModel route = routes.get(i);
            Integer earlier = first.putIfAbsent(route.id(), i);
            if (earlier != null) {
                add(origins.member(route, "id"), "the route id '" + route.id() + "' is used twice (first at routes["
                        + earlier + "])");
            }
        }
    }

    private void references() {
        Set<String> authenticators = model.authenticators() == null ? Set.of() : model.authenticators().keySet();
        Set<String> routeIds = new LinkedHashSet<>(routes.stream().map(RouteModel::id).toList());
        for (RouteModel route : routes) {
            if (route.authenticators() != null) {
                unique(route.authenticators(), "authenticator", authenticators);
            }
            exists(route, "rateLimit", route.rateLimit(), "rate-limit policy", policies.keySet());
        }
        if (model.authentication() != null) {
            unique(model.authentication().defaults(), "authenticator", authenticators);
        }
        policies.values().forEach(policy -> {
            exists(policy, "store", policy.store(), "store", stores.keySet());
            if (policy.routeCosts() != null) {
                policy.routeCosts().keySet().forEach(id -> exists(policy.routeCosts(), id, id, "route", routeIds));
            }
        });
        limiters.values().forEach(limiter -> {
            exists(limiter, "defaultPolicy", limiter.defaultPolicy(), "rate-limit policy", policies.keySet());
            exists(limiter, "store", limiter.store(), "store", stores.keySet());
        });
    }

    /** Each name of the list must be known and listed once. */
    private void unique(List<String> names, String what, Collection<String> known) {
        Map<String, Integer> first = new HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            Origin at = origins.member(names, i);
            Integer earlier = first.putIfAbsent(name, i);
            if (!known.contains(name)) {
                add(at, "no " + what + " named '" + name + "'" + Suggestions.hint(name, known));
            } else if (earlier != null) {
                add(at, "the " + what + " '" + name + "' is listed twice (first at position " + earlier + ")");
            }
        }
    }

    private void exists(Object container, Object key, String name, String what, Collection<String> known) {
        if (name != null && !known.contains(name)) {
            add(origins.member(container, key), "no " + what + " named '" + name + "'" + Suggestions.hint(name, known));
        }
    }

    private void client() {
        ClientModel client = model.client();
        if (client == null || client.type() != ClientModel.Type.JDK) {
            return;
        }
        List<String> jettyOnly = new ArrayList<>();
        if (client.maxConnectionsPerDestination() != null) {
            jettyOnly.add("maxConnectionsPerDestination");
        }
        if (client.maxRequestsQueuedPerDestination() != null) {
            jettyOnly.add("maxRequestsQueuedPerDestination");
        }
        if (client.idleTimeout() != null) {
            jettyOnly.add("idleTimeout");
        }
        if (client.maxThreads() != null) {
            jettyOnly.add("maxThreads");
        }
        jettyOnly.forEach(setting -> add(origins.member(client, setting), "'" + setting
                + "' is a setting of the jetty client; the jdk client has none"));
    }

    private void add(Origin at, String message) {
        findings.add(at.location(), at.path(), message);
    }
}
