package dev.portcullis.api.auth;

import dev.portcullis.api.Chain;
import dev.portcullis.api.GatewayRequest;
import dev.portcullis.api.GatewayResponse;
import dev.portcullis.api.HttpHeaders;
import dev.portcullis.api.Interceptor;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Adapts {@link Authenticator}s into the pipeline.
 *
 * <p>The authenticators are asked in order; the first answer that is not {@link AuthResult.Abstained} wins:
 * <ul>
 *   <li>{@link AuthResult.Authenticated}: the stage stores the principal under {@link GatewayPrincipal#ATTRIBUTE}
 *       and proceeds with the request the authenticator returned;</li>
 *   <li>{@link AuthResult.Rejected} 401: answers {@code application/problem+json} with
 *       {@code WWW-Authenticate: Bearer error="invalid_token", error_description="..."};</li>
 *   <li>{@link AuthResult.Rejected} 503: answers a {@code service-unavailable} problem with {@code Retry-After}.</li>
 * </ul>
 * Whatever the outcome, a request let through carries none of the credentials the authenticators read (see
 * {@link Authenticator#withoutCredentials}): an API key sent next to a winning JWT, or a token cookie, never reaches
 * the upstream. When every authenticator abstains the request proceeds anonymously: the {@link Authorization} stage after this
 * one decides whether the route needs a principal. A principal set by an earlier stage is removed first, so only
 * this stage's authenticators vouch for the request.
 *
 * <p>Before asking any authenticator the stage also removes, from every request, each header of the identity-header
 * family: every name that starts with the prefix ({@value #DEFAULT_IDENTITY_HEADER_PREFIX} unless
 * {@link #withIdentityHeaderPrefix} says otherwise) in any case and with {@code _} in place of {@code -}, so
 * {@code X-USER-SUB} and {@code x_user_roles} go as well as {@code X-User-Roles}. Only headers a later stage (such
 * as the claim-header stage) sets from the verified principal reach the upstream under that prefix.
 *
 * <pre>{@code
 * Pipeline.builder()
 *     .add(Routing.interceptor(routes))
 *     .add(Authentication.interceptor(jwtAuthenticator, apiKeyAuthenticator))
 *     .add(Authorization.builder().defaultPolicy(AccessPolicy.authenticated()).build())
 *     .build();
 * }</pre>
 */
public final class Authentication implements Interceptor {
    /** The identity-header prefix removed from client requests unless configured otherwise. */
    public static final String DEFAULT_IDENTITY_HEADER_PREFIX = "X-User-";

    private final List<Authenticator> authenticators;
    private final String realm;
    private final String identityHeaderPrefix;

    private Authentication(List<Authenticator> authenticators, String realm, String identityHeaderPrefix) {
        this.authenticators = List.copyOf(authenticators);
        this.realm = realm;
        this.identityHeaderPrefix = identityHeaderPrefix;
    }

    /**
     * @param first the first authenticator to ask
     * @param more further authenticators, asked in order while the earlier ones abstain
     * @return the authentication stage, without a realm in its challenges
     */
    public static Authentication interceptor(Authenticator first, Authenticator... more) {
        List<Authenticator> all = new ArrayList<>();
        all.add(Objects.requireNonNull(first, "first"));
        for (Authenticator authenticator : more) {
            all.add(Objects.requireNonNull(authenticator, "authenticator"));
        }
        return new Authentication(all, null, normalized(DEFAULT_IDENTITY_HEADER_PREFIX));
    }

    /**
     * @param realm the {@code realm} parameter of the challenges, e.g. {@code api}
     * @return a copy of this stage whose challenges name the realm
     */
    public Authentication withRealm(String realm) {
        Objects.requireNonNull(realm, "realm");
        return new Authentication(authenticators, realm, identityHeaderPrefix);
    }

    /**
     * @param prefix the identity-header family to remove from every client request, e.g. {@code X-Auth-}; matched
     *     in any case and with {@code _} standing for {@code -}
     * @return a copy of this stage removing that family instead of {@value #DEFAULT_IDENTITY_HEADER_PREFIX}
     * @throws IllegalArgumentException when the prefix is empty or not made of header-name characters
     */
    public Authentication withIdentityHeaderPrefix(String prefix) {
        Objects.requireNonNull(prefix, "identityHeaderPrefix");
        if (!HttpHeaders.isToken(prefix)) {
            throw new IllegalArgumentException("identityHeaderPrefix must be a non-empty header-name prefix: '"
                    + prefix + "'");
        }
        return new Authentication(authenticators, realm, normalized(prefix));
    }

    private static String normalized(String name) {
        return name.toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private GatewayRequest withoutIdentityHeaders(GatewayRequest request) {
        HttpHeaders.Builder headers = null;
        for (String name : request.headers().names()) {
            if (normalized(name).startsWith(identityHeaderPrefix)) {
                headers = (headers == null ? request.headers().toBuilder() : headers).remove(name);
            }
        }
        return headers == null ? request : request.toBuilder().headers(headers.build()).build();
    }

    @Override
    public CompletionStage<GatewayResponse> intercept(Chain chain) {
        GatewayRequest request = withoutIdentityHeaders(chain.request());
        if (request.attribute(GatewayPrincipal.ATTRIBUTE).isPresent()) {
            request = request.toBuilder().attributes(request.attributes().without(GatewayPrincipal.ATTRIBUTE)).build();
        }
        GatewayRequest anonymous = request;
        return ask(0, anonymous).thenCompose(result -> {
            if (result instanceof AuthResult.Authenticated ok) {
                return chain.proceed(withoutCredentials(ok.request())
                        .withAttribute(GatewayPrincipal.ATTRIBUTE, ok.principal()));
            }
            if (result instanceof AuthResult.Rejected rejected) {
                return CompletableFuture.completedFuture(Challenges.rejected(rejected, realm));
            }
            return chain.proceed(withoutCredentials(anonymous));
        });
    }

    private GatewayRequest withoutCredentials(GatewayRequest request) {
        GatewayRequest stripped = request;
        for (Authenticator authenticator : authenticators) {
            stripped = Objects.requireNonNull(authenticator.withoutCredentials(stripped),
                    () -> "authenticator " + authenticator + " stripped the request to null");
        }
        return stripped;
    }

    private CompletionStage<AuthResult> ask(int index, GatewayRequest request) {
        if (index == authenticators.size()) {
            return CompletableFuture.completedFuture(AuthResult.abstain());
        }
        Authenticator authenticator = authenticators.get(index);
        CompletionStage<AuthResult> stage = authenticator.authenticate(request);
        if (stage == null) {
            throw new IllegalStateException("authenticator " + authenticator + " returned null");
        }
        return stage.thenCompose(result -> {
            Objects.requireNonNull(result, () -> "authenticator " + authenticator + " completed with null");
            return result instanceof AuthResult.Abstained
                    ? ask(index + 1, request)
                    : CompletableFuture.completedFuture(result);
        });
    }

    @Override
    public String name() {
        return "Authentication";
    }
}
