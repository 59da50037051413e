package dev.portcullis.config.internal;

import dev.portcullis.config.internal.bind.Origin;
import dev.portcullis.config.internal.bind.Origins;
import dev.portcullis.config.internal.model.ClientModel;
import dev.portcullis.config.internal.model.GatewayModel;
import dev.portcullis.config.internal.model.RouteModel;
import dev.portcullis.config.internal.tree.Findings;
import java.util.Optional;

/**
 * The features one file uses, each loaded only when a setting of the file needs it (see {@link Features}); the
 * others stay null and their classes unloaded.
 *
 * <pre>{@code
 * LoadedFeatures features = LoadedFeatures.of(model, origins, findings);
 * findings.throwIfAny();   // a missing module is a finding naming the setting that needs it
 * }</pre>
 *
 * @param auth gateway-auth's part, or null
 * @param rateLimit gateway-ratelimit's part, or null
 * @param validation gateway-jsonschema's part, or null
 * @param jetty gateway-jetty-client's part, or null
 */
record LoadedFeatures(AuthFeature auth, RateLimitFeature rateLimit, ValidationFeature validation,
                      JettyFeature jetty) {

    static LoadedFeatures of(GatewayModel model, Origins origins, Findings findings) {
        return new LoadedFeatures(
                authUse(model, origins).map(at -> Features.load(Features.AUTH, AuthFeature.class, at, findings))
                        .orElse(null),
                rateLimitUse(model, origins).map(at -> Features.load(Features.RATE_LIMIT, RateLimitFeature.class, at,
                        findings)).orElse(null),
                validationUse(model, origins).map(at -> Features.load(Features.JSON_SCHEMA, ValidationFeature.class,
                        at, findings)).orElse(null),
                model.client() != null && model.client().type() == ClientModel.Type.JETTY
                        ? Features.load(Features.JETTY_CLIENT, JettyFeature.class,
                        origins.member(model.client(), "type"), findings) : null);
    }

    private static Optional<Origin> authUse(GatewayModel model, Origins origins) {
        if (model.authenticators() != null && !model.authenticators().isEmpty()) {
            return Optional.of(origins.member(model, "authenticators"));
        }
        if (model.claimHeaders() != null) {
            return Optional.of(origins.member(model, "claimHeaders"));
        }
        return stage(model, origins, "claimHeaders");
    }

    private static Optional<Origin> rateLimitUse(GatewayModel model, Origins origins) {
        if (model.rateLimiting() != null) {
            return Optional.of(origins.member(model, "rateLimiting"));
        }
        return routeSetting(model, origins, "rateLimit");
    }

    private static Optional<Origin> validationUse(GatewayModel model, Origins origins) {
        if (model.validation() != null) {
            return Optional.of(origins.member(model, "validation"));
        }
        Optional<Origin> stage = stage(model, origins, "validation");
        return stage.isPresent() ? stage : routeSetting(model, origins, "schema");
    }

    private static Optional<Origin> stage(GatewayModel model, Origins origins, String name) {
        int index = model.pipeline().indexOf(name);
        return index < 0 ? Optional.empty() : Optional.of(origins.member(model.pipeline(), index));
    }

    private static Optional<Origin> routeSetting(GatewayModel model, Origins origins, String setting) {
        if (model.routes() == null) {
            return Optional.empty();
        }
        for (RouteModel route : model.routes()) {
            boolean set = setting.equals("rateLimit") ? route.rateLimit() != null : route.schema() != null;
            if (set) {
                return Optional.of(origins.member(route, setting));
            }
        }
        return Optional.empty();
    }
}
