package dev.portcullis.config.internal.model;

import dev.portcullis.config.internal.bind.Doc;
import dev.portcullis.config.internal.bind.Required;
import java.util.List;
import java.util.Map;

/**
 * The whole file: the pipeline's stages in order and one section per stage that needs settings. Each record of this
 * package is one section; its component names are the file's keys. Unset settings are null and keep the Java DSL's
 * default: the file never restates a default.
 *
 * <pre>{@code
 * pipeline: [routing, guards]
 * routes:
 *   - id: api
 *     path: /api/**
 *     upstreams: [http://127.0.0.1:9001]
 * }</pre>
 *
 * @param pipeline the stage names in order
 * @param gateway the gateway's own settings
 * @param client the upstream HTTP client
 * @param routes the routes in match order
 * @param ipFilter the ipFilter stage
 * @param cors the cors stage
 * @param guards the guards stage's default policy
 * @param authenticators named authenticators
 * @param authentication the authentication stage
 * @param authorization the authorization stage
 * @param claimHeaders the claimHeaders stage
 * @param rateLimiting stores, policies and limiter stages
 * @param validation the validation stage
 * @param transform the transform stage
 * @param locationRewrite the locationRewrite stage
 * @param interceptors settings of custom stages, by name
 */
@Doc("A Portcullis gateway: the pipeline's stages in order, and the settings of each stage. Unset settings keep the "
        + "Java DSL's defaults.")
public record GatewayModel(
        @Doc("The stages in the order a request meets them. Built in: routing, ipFilter, cors, guards, authentication, "
                + "authorization, claimHeaders, validation, transform, routeTransform, locationRewrite; also the names "
                + "of rateLimiting.limiters and of custom interceptors.") @Required List<String> pipeline,
        @Doc("The gateway's own settings: trusted proxies, headers, path rules, limits.") SettingsModel gateway,
        @Doc("The upstream HTTP client; without it the gateway uses its default (the Jetty client when "
                + "gateway-jetty-client is on the classpath, else the JDK's).") ClientModel client,
        @Doc("The routes, in match order: the first whose predicates all hold wins.") List<RouteModel> routes,
        @Doc("The ipFilter stage: client address rules.") IpFilterModel ipFilter,
        @Doc("The cors stage.") CorsModel cors,
        @Doc("The guards stage's policy for routes without a guard of their own.") GuardModel guards,
        @Doc("Authenticators by name, for authentication.defaults and routes[].authenticators (needs "
                + "gateway-auth).") Map<String, AuthenticatorModel> authenticators,
        @Doc("The authentication stage.") AuthenticationModel authentication,
        @Doc("The authorization stage.") AuthorizationModel authorization,
        @Doc("The claimHeaders stage: the principal's claims as upstream request headers (needs gateway-auth).")
        ClaimHeadersModel claimHeaders,
        @Doc("Bucket stores, policies and limiter stages (needs gateway-ratelimit).") RateLimitingModel rateLimiting,
        @Doc("The validation stage: JSON Schema checks of request bodies on routes with a schema (needs "
                + "gateway-jsonschema).") ValidationModel validation,
        @Doc("The transform stage: header and query edits on every request.") TransformModel transform,
        @Doc("The locationRewrite stage.") LocationRewriteModel locationRewrite,
        @Doc("Settings of custom stages by name, handed to the factory the application registered under that name.")
        Map<String, Map<String, Object>> interceptors) {
}
