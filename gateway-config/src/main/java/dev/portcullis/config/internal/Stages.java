package dev.portcullis.config.internal;

import dev.portcullis.api.Interceptor;
import dev.portcullis.api.Pipeline;
import dev.portcullis.api.auth.AccessPolicy;
import dev.portcullis.api.auth.Authentication;
import dev.portcullis.api.auth.Authenticator;
import dev.portcullis.api.auth.Authorization;
import dev.portcullis.api.routing.RouteTable;
import dev.portcullis.api.routing.Routing;
import dev.portcullis.config.internal.bind.Origin;
import dev.portcullis.config.internal.model.AuthenticationModel;
import dev.portcullis.config.internal.model.AuthorizationModel;
import dev.portcullis.config.internal.model.CorsModel;
import dev.portcullis.config.internal.model.GatewayModel;
import dev.portcullis.config.internal.model.IpFilterModel;
import dev.portcullis.core.cors.Cors;
import dev.portcullis.core.cors.CorsPolicy;
import dev.portcullis.core.guard.GuardPolicy;
import dev.portcullis.core.guard.RequestGuards;
import dev.portcullis.core.ipfilter.IpFilter;
import dev.portcullis.core.transform.LocationRewrite;
import dev.portcullis.core.transform.Transform;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Builds the pipeline from its stage names, each stage from its section of the same name: the built-in stages
 * here, {@code claimHeaders}, {@code validation} and the limiters through their features, and custom stages through
 * the application's registry.
 *
 * <pre>{@code
 * Pipeline pipeline = new Stages(context, routes, authenticators, features).pipeline();
 * }</pre>
 */
final class Stages {
    /** The stage names the file may use without defining them. */
    static final List<String> BUILT_IN = List.of("routing", "ipFilter", "cors", "guards", "authentication",
            "authorization", "claimHeaders", "validation", "transform", "routeTransform", "locationRewrite");

    private final AssemblyContext context;
    private final GatewayModel model;
    private final RouteTable routes;
    private final Map<String, Authenticator> authenticators;
    private final LoadedFeatures features;

    /**
     * @param context the load
     * @param routes the route table, or null when the file has no routes
     * @param authenticators the file's authenticators by name
     * @param features the features the file uses
     */
    Stages(AssemblyContext context, RouteTable routes, Map<String, Authenticator> authenticators,
            LoadedFeatures features) {
        this.context = context;
        this.model = context.model();
        this.routes = routes;
        this.authenticators = authenticators;
        this.features = features;
    }

    /** @return the pipeline, or null when a stage failed (the findings say why) */
    Pipeline pipeline() {
        Pipeline.Builder pipeline = Pipeline.builder();
        boolean failed = false;
        for (int i = 0; i < model.pipeline().size(); i++) {
            String name = model.pipeline().get(i);
            Origin at = context.at(model.pipeline(), i);
            Interceptor stage = context.attempt(at, () -> stage(name, at));
            if (stage == null) {
                failed = true;
            } else {
                pipeline.add(stage);
            }
        }
        return failed ? null : pipeline.build();
    }

    private Interceptor stage(String name, Origin at) {
        switch (name) {
            case "routing":
                return routes == null ? null : Routing.interceptor(routes);
            case "ipFilter":
                return ipFilter(model.ipFilter());
            case "cors":
                return cors(model.cors());
            case "guards":
                GuardPolicy defaults = model.guards() == null ? GuardPolicy.defaults()
                        : new Policies(context).guard(model.guards());
                return defaults == null ? null : RequestGuards.interceptor(defaults);
            case "authentication":
                return authentication(model.authentication());
            case "authorization":
                return authorization(model.authorization());
            case "claimHeaders":
                return features.auth().claimHeaders(context);
            case "validation":
                return features.validation().validation(context);
            case "transform":
                return new Transforms(context).transform(model.transform()).interceptor();
            case "routeTransform":
                return Transform.perRoute();
            case "locationRewrite":
                return model.locationRewrite() == null || model.locationRewrite().publicBase() == null
                        ? LocationRewrite.interceptor()
                        : context.attempt(context.at(model.locationRewrite(), "publicBase"), () ->
                                LocationRewrite.interceptor(URI.create(model.locationRewrite().publicBase())));
            default:
                return model.rateLimiting() != null && model.rateLimiting().limiters() != null
                        && model.rateLimiting().limiters().containsKey(name)
                        ? features.rateLimit().limiter(name, routes, context) : custom(name, at);
        }
    }

    private Interceptor custom(String name, Origin at) {
        Map<String, Object> given = model.interceptors() == null ? null : model.interceptors().get(name);
        Origin where = given == null ? at : context.at(model.interceptors(), name);
        Map<String, Object> settings = given == null ? Map.of() : given;
        return context.components().get("interceptor", name, settings,
                () -> context.attempt(where, () -> context.options().custom().create(name, settings)));
    }

    private Interceptor ipFilter(IpFilterModel section) {
        IpFilter.Builder filter = IpFilter.builder();
        each(section.allow(), filter::allow);
        each(section.deny(), filter::deny);
        IpFilter built = context.attemptIn(section, filter::build);
        return built == null ? null : built.interceptor();
    }

    private void each(List<String> ranges, Function<String[], IpFilter.Builder> add) {
        if (ranges != null) {
            for (int i = 0; i < ranges.size(); i++) {
                String range = ranges.get(i);
                context.attempt(context.at(ranges, i), () -> add.apply(new String[] {range}));
            }
        }
    }

    private Interceptor cors(CorsModel section) {
        CorsPolicy.Builder cors = CorsPolicy.builder();
        context.attempt(context.at(section, "allowedOrigins"),
                () -> cors.allowedOrigins(section.allowedOrigins().toArray(String[]::new)));
        strings(section, "allowedMethods", section.allowedMethods(), cors::allowedMethods);
        strings(section, "allowedHeaders", section.allowedHeaders(), cors::allowedHeaders);
        strings(section, "exposedHeaders", section.exposedHeaders(), cors::exposedHeaders);
        if (section.allowCredentials() != null) {
            cors.allowCredentials(section.allowCredentials());
        }
        if (section.maxAge() != null) {
            context.attempt(context.at(section, "maxAge"), () -> cors.maxAge(section.maxAge()));
        }
        CorsPolicy policy = context.attemptIn(section, cors::build);
        return policy == null ? null : Cors.interceptor(policy);
    }

    private void strings(Object section, String setting, List<String> values, Function<String[], ?> set) {
        if (values != null) {
            context.attempt(context.at(section, setting), () -> set.apply(values.toArray(String[]::new)));
        }
    }

    private Interceptor authentication(AuthenticationModel section) {
        Authentication.Builder stage = Authentication.builder()
                .defaults(RouteAssembler.choose(authenticators, section.defaults()));
        if (routes != null) {
            stage.routes(routes);
        }
        if (section.realm() != null) {
            stage.realm(section.realm());
        }
        if (section.identityHeaderPrefix() != null) {
            context.attempt(context.at(section, "identityHeaderPrefix"),
                    () -> stage.identityHeaderPrefix(section.identityHeaderPrefix()));
        }
        return context.attemptIn(section, stage::build);
    }

    private Interceptor authorization(AuthorizationModel section) {
        Authorization.Builder stage = Authorization.builder();
        if (section == null) {
            return stage.build();
        }
        if (section.defaultPolicy() != null) {
            AccessPolicy policy = new Policies(context).access(section.defaultPolicy());
            if (policy == null) {
                return null;
            }
            stage.defaultPolicy(policy);
        }
        if (section.allowCorsPreflight() != null) {
            stage.allowCorsPreflight(section.allowCorsPreflight());
        }
        if (section.realm() != null) {
            stage.realm(section.realm());
        }
        return stage.build();
    }
}
