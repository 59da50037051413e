package dev.portcullis.config.internal;

import dev.portcullis.config.internal.bind.Origin;
import dev.portcullis.config.internal.bind.Origins;
import dev.portcullis.config.internal.model.HashKeyModel;
import dev.portcullis.config.internal.model.RouteModel;
import dev.portcullis.config.internal.tree.Findings;
import java.util.List;

/**
 * The checks of a route's upstream settings that no single DSL call makes: consistent hashing needs a hash key and
 * only it reads one, a client-address key is switched on with {@code true}, and switched-off outlier ejection or
 * access log takes no other setting.
 *
 * <pre>{@code
 * new UpstreamChecks(origins, findings).check(model.routes());
 * }</pre>
 */
final class UpstreamChecks {
    private final Origins origins;
    private final Findings findings;

    /**
     * @param origins where the model's values came from
     * @param findings where problems go
     */
    UpstreamChecks(Origins origins, Findings findings) {
        this.origins = origins;
        this.findings = findings;
    }

    /** @param routes the file's routes */
    void check(List<RouteModel> routes) {
        for (RouteModel route : routes) {
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

    private void add(Origin at, String message) {
        findings.add(at.location(), at.path(), message);
    }
}
