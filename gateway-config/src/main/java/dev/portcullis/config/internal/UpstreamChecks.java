package dev.portcullis.config.internal;

import dev.portcullis.config.internal.bind.Origin;
import dev.portcullis.config.internal.bind.Origins;
import dev.portcullis.config.internal.bind.Suggestions;
import dev.portcullis.config.internal.model.HashKeyModel;
import dev.portcullis.config.internal.model.RouteModel;
import dev.portcullis.config.internal.tree.Findings;
import java.util.List;
import java.util.Set;

/**
 * The checks of a route's upstream settings that no single DSL call makes: custom load balancers and predicates must
 * be registered (the nearest registered name is suggested), consistent hashing needs a hash key and
 * only it reads one, a client-address key is switched on with {@code true}, and switched-off outlier ejection or
 * access log takes no other setting.
 *
 * <pre>{@code
 * new UpstreamChecks(origins, findings, options.custom()).check(model.routes());
 * }</pre>
 */
final class UpstreamChecks {
    private final Origins origins;
    private final Findings findings;
    private final CustomStages custom;

    /**
     * @param origins where the model's values came from
     * @param findings where problems go
     * @param custom the registered load balancers and predicates
     */
    UpstreamChecks(Origins origins, Findings findings, CustomStages custom) {
        this.origins = origins;
        this.findings = findings;
        this.custom = custom;
    }

    /** @param routes the file's routes */
    void check(List<RouteModel> routes) {
        for (RouteModel route : routes) {
            custom(route);
            boolean hashing = route.loadBalancer() == RouteModel.Balancer.CONSISTENT_HASH;
            if (hashing && route.hashKey() == null) {
                add(origins.member(route, "loadBalancer"), "consistent-hash needs a hashKey: {header: NAME}, "
                        + "{cookie: NAME} or {clientAddress: true}");
            } else if (!hashing && route.hashKey() != null) {
                add(origins.member(route, "hashKey"), "only loadBalancer: consistent-hash reads a hashKey");
            }
            HashKeyModel key = route.hashKey();
            if (key != null && Boolean.FALSE.equals(key.clientAddress())) {
                add(origins.member(key, "clientAddress"), "write clientAddress: true, or name a header or cookie");
            }
            if (route.resilience() != null) {
                OffSwitch.check(route.resilience().outlierEjection(), "outlier ejection", origins, findings);
            }
            OffSwitch.check(route.accessLog(), "the route's access log", origins, findings);
        }
    }

    private void custom(RouteModel route) {
        if (route.customLoadBalancer() != null) {
            if (route.loadBalancer() != null) {
                add(origins.member(route, "customLoadBalancer"), "set loadBalancer or customLoadBalancer, not both");
            }
            known(route, "customLoadBalancer", route.customLoadBalancer(), "custom load balancer",
                    custom.loadBalancers().keySet());
        }
        if (route.predicates() != null) {
            for (int i = 0; i < route.predicates().size(); i++) {
                known(route.predicates(), i, route.predicates().get(i), "custom predicate",
                        custom.predicates().keySet());
            }
        }
    }

    private void known(Object container, Object key, String name, String what, Set<String> registered) {
        if (!registered.contains(name)) {
            add(origins.member(container, key), "no " + what + " is registered as '" + name + "'"
                    + Suggestions.hint(name, registered));
        }
    }

    private void add(Origin at, String message) {
        findings.add(at.location(), at.path(), message);
    }
}
