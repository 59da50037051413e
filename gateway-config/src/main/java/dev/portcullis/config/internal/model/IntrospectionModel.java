package dev.portcullis.config.internal.model;

import dev.portcullis.config.internal.bind.ByteSize;
import dev.portcullis.config.internal.bind.Doc;
import dev.portcullis.config.internal.bind.Required;
import dev.portcullis.config.internal.bind.Secret;
import java.time.Duration;
import java.util.List;

/**
 * An introspection authenticator ({@code IntrospectionAuthenticator}, RFC 7662).
 *
 * <pre>{@code
 * introspection:
 *   endpoint: https://sso.example.com/realms/shop/protocol/openid-connect/token/introspect
 *   clientId: gateway
 *   clientSecret: ${INTROSPECTION_SECRET}
 * }</pre>
 *
 * @param endpoint the introspection URL
 * @param clientId the gateway's client id
 * @param clientSecret its secret
 * @param clientAuth how they are sent
 * @param tokenSource where tokens are read
 * @param claims how the answer becomes the principal
 * @param audiences accepted audiences
 * @param cacheTtl how long an active answer is reused
 * @param negativeCacheTtl how long an inactive answer is reused
 * @param cacheSize answers cached
 * @param timeouts connect and read timeouts
 * @param maxResponseSize the largest answer
 * @param maxConcurrentCalls calls in flight at once
 */
@Doc("Opaque tokens checked at an introspection endpoint.")
public record IntrospectionModel(
        @Doc("The introspection endpoint (http or https).") @Required String endpoint,
        @Doc("The gateway's client id at the endpoint.") @Required String clientId,
        @Doc("The client secret, as a reference: ${ENV_VAR} or ${file:path}.") @Required Secret clientSecret,
        @Doc("basic (client_secret_basic, the default) or post (client_secret_post).") ClientAuth clientAuth,
        @Doc("Where tokens are read besides the Authorization header.") TokenSourceModel tokenSource,
        @Doc("How the answer becomes the principal.") ClaimsModel claims,
        @Doc("Accepted audiences; the answer's aud must hold one.") List<String> audiences,
        @Doc("Longest time an active answer is reused, default 60s.") Duration cacheTtl,
        @Doc("Time an inactive answer is reused, default 5s.") Duration negativeCacheTtl,
        @Doc("Most answers cached, default 10000; 0 disables.") Integer cacheSize,
        @Doc("Connect and read timeouts of a call, default 2s and 3s.") TimeoutPairModel timeouts,
        @Doc("The largest answer accepted, default 64KiB.") ByteSize maxResponseSize,
        @Doc("Most calls in flight at once, default 64; beyond it 503.") Integer maxConcurrentCalls) {

    /** How the client id and secret are sent. */
    public enum ClientAuth {
        /** HTTP Basic. */
        BASIC,
        /** In the form body. */
        POST
    }
}
