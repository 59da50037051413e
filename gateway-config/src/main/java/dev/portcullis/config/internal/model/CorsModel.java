package dev.portcullis.config.internal.model;

import dev.portcullis.config.internal.bind.Doc;
import dev.portcullis.config.internal.bind.Required;
import java.time.Duration;
import java.util.List;

/**
 * The CORS policy ({@code CorsPolicy}), deny by default.
 *
 * <pre>{@code
 * cors:
 *   allowedOrigins: [https://app.example.com, "https://*.example.com"]
 *   allowedMethods: [GET, POST]
 *   allowedHeaders: [Content-Type, Authorization]
 *   maxAge: 10m
 * }</pre>
 *
 * @param allowedOrigins origins allowed
 * @param allowedMethods methods allowed
 * @param allowedHeaders request headers allowed
 * @param exposedHeaders response headers exposed
 * @param allowCredentials whether credentials are allowed
 * @param maxAge how long a preflight answer may be cached
 */
@Doc("The CORS policy; the stage answers preflights itself.")
public record CorsModel(
        @Doc("Origins allowed, exact or with a *. subdomain wildcard; at least one.") @Required
        List<String> allowedOrigins,
        @Doc("Methods allowed.") List<String> allowedMethods,
        @Doc("Request headers allowed.") List<String> allowedHeaders,
        @Doc("Response headers the page may read.") List<String> exposedHeaders,
        @Doc("Allow credentials (cookies, Authorization); default false.") Boolean allowCredentials,
        @Doc("How long browsers may cache a preflight answer.") Duration maxAge) {
}
