package dev.portcullis.api.auth;

import dev.portcullis.api.Chain;
import dev.portcullis.api.GatewayRequest;
import dev.portcullis.api.GatewayResponse;
import dev.portcullis.api.HttpHeaders;
import dev.portcullis.api.Interceptor;
import dev.portcullis.api.routing.Route;
import dev.portcullis.api.routing.RouteTable;
import dev.portcullis.api.routing.Routing;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Adapts {@link Authenticator}s into the pipeline.
 *
 * <p>Which authenticators a request is asked of: the matched route's {@link Authenticators#KEY} metadata, or the
 * stage's defaults when the route says nothing or the request has no route (it goes to the servlet application).
 * Put {@link Routing#interceptor} before this stage so the route is known. The chosen authenticators are asked in
 * order; the first answer that is not {@link AuthResult.Abstained} wins:
 * <ul>
 *   <li>{@link AuthResult.Authenticated}: the stage stores the principal under {@link GatewayPrincipal#ATTRIBUTE}
 *       and proceeds with the request the authenticator returned;</li>
 *   <li>{@link AuthResult.Rejected} 401: answers {@code application/problem+json} with
 *       {@code WWW-Authenticate: Bearer error="invalid_token", error_description="..."};</li>
 *   <li>{@link AuthResult.Rejected} 400: answers a {@code bad-request} problem with
 *       {@code WWW-Authenticate: Bearer error="invalid_request", error_description="..."};</li>
 *   <li>{@link AuthResult.Rejected} 503: answers a {@code service-unavailable} problem with {@code Retry-After}.</li>
 * </ul>
 * Only the chosen authenticators are asked, so every rejection and its challenge comes from one of them: a route
 * that accepts API keys only never answers with a JWT issuer's verdict. When every chosen authenticator abstains,
 * or the route chose {@link Authenticators#anonymous()}, the request proceeds anonymously: the {@link Authorization}
 * stage after this one decides whether the route needs a principal. A principal set by an earlier stage is removed
 * first, so only this stage's authenticators vouch for the request.
 *
 * <p>Whatever the outcome, a request let through carries none of the credentials read by any authenticator the
 * stage knows (see {@link Authenticator#withoutCredentials}), whichever were asked: the defaults, every
 * authenticator named by the routes given to {@link Builder#routes}, and the ones chosen for this request. An API
 * key sent next to a winning JWT, a token cookie, or a partner token sent to an anonymous route never reaches the
 * upstream. Give the builder the route table so a credential one route reads is removed on every other route too.
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
 *     .add(Authentication.builder().defaults(Authenticators.of(jwtAuthenticator, apiKeyAuthenticator))
 *         .routes(routes).build())
 *     .add(Authorization.builder().defaultPolicy(AccessPolicy.authenticated()).build())
 *     .build();
 * }</pre>
 */
public final class Authentication implements Interceptor {
    /** The identity-header prefix removed from client requests unless configured otherwise. */
    public static final String DEFAULT_IDENTITY_HEADER_PREFIX = "X-User-";

    private final Authenticators defaults;
    private final List<Authenticator> known;
    private final Set<Authenticator> knownSet;
    private final String realm;
    private final String identityHeaderPrefix;

    private Authentication(Authenticators defaults, List<Authenticator> known, String realm,
            String identityHeaderPrefix) {
        this.defaults = defaults;
        this.known = List.copyOf(known);
        this.knownSet = identitySet(known);
        this.realm = realm;
        this.identityHeaderPrefix = identityHeaderPrefix;
    }

    /**
     * @param first the first authenticator to ask
     * @param more further authenticators, asked in order while the earlier ones abstain
     * @return the authentication stage with those defaults, without a realm in its challenges
     */
    public static Authentication interceptor(Authenticator first, Authenticator... more) {
        return builder().defaults(Authenticators.of(first, more)).build();
    }

    /** @return a builder; {@link Builder#defaults} must be set */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * @param realm the {@code realm} parameter of the challenges, e.g. {@code api}
     * @return a copy of this stage whose challenges name the realm
     */
    public Authentication withRealm(String realm) {
        Objects.requireNonNull(realm, "realm");
        return new Authentication(defaults, known, realm, identityHeaderPrefix);
    }

    /**
     * @param prefix the identity-header family to remove from every client request, e.g. {@code X-Auth-}; matched
     *     in any case and with {@code _} standing for {@code -}
     * @return a copy of this stage removing that family instead of {@value #DEFAULT_IDENTITY_HEADER_PREFIX}
     * @throws IllegalArgumentException when the prefix is empty or not made of header-name characters
     */
    public Authentication withIdentityHeaderPrefix(String prefix) {
        return new Authentication(defaults, known, realm, checkedPrefix(prefix));
    }

    private static String checkedPrefix(String prefix) {
        Objects.requireNonNull(prefix, "identityHeaderPrefix");
        if (!HttpHeaders.isToken(prefix)) {
            throw new IllegalArgumentException("identityHeaderPrefix must be a non-empty header-name prefix: '"
                    + prefix + "'");
        }
        return normalized(prefix);
    }

    private static Set<Authenticator> identitySet(List<Authenticator> authenticators) {
        Set<Authenticator> set = Collections.newSetFromMap(new IdentityHashMap<>());
        set.addAll(authenticators);
        return set;
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
        List<Authenticator> chosen = Routing.metadata(request, Authenticators.KEY)
                .orElse(defaults).list();
        List<Authenticator> stripping = strippedBy(chosen);
        GatewayRequest anonymous = request;
        return ask(chosen, 0, anonymous).thenCompose(result -> {
            if (result instanceof AuthResult.Authenticated ok) {
                return chain.proceed(withoutCredentials(stripping, ok.request())
                        .withAttribute(GatewayPrincipal.ATTRIBUTE, ok.principal()));
            }
            if (result instanceof AuthResult.Rejected rejected) {
                return CompletableFuture.completedFuture(Challenges.rejected(rejected, realm));
            }
            return chain.proceed(withoutCredentials(stripping, anonymous));
        });
    }

    /** @return every known authenticator, and after them the chosen ones the stage was not told about */
    private List<Authenticator> strippedBy(List<Authenticator> chosen) {
        if (knownSet.containsAll(chosen)) {
            return known;
        }
        List<Authenticator> all = new ArrayList<>(known);
        for (Authenticator authenticator : chosen) {
            if (!knownSet.contains(authenticator)) {
                all.add(authenticator);
            }
        }
        return all;
    }

    private static GatewayRequest withoutCredentials(List<Authenticator> authenticators, GatewayRequest request) {
        GatewayRequest stripped = request;
        for (Authenticator authenticator : authenticators) {
            stripped = Objects.requireNonNull(authenticator.withoutCredentials(stripped),
                    () -> "authenticator " + authenticator + " stripped the request to null");
        }
        return stripped;
    }

    private static CompletionStage<AuthResult> ask(List<Authenticator> authenticators, int index,
            GatewayRequest request) {
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
                    ? ask(authenticators, index + 1, request)
                    : CompletableFuture.completedFuture(result);
        });
    }

    @Override
    public String name() {
        return "Authentication";
    }

    /**
     * Collects the settings of an {@link Authentication} stage. Not thread-safe.
     *
     * <pre>{@code
     * Authentication authentication = Authentication.builder()
     *     .defaults(Authenticators.of(jwtAuthenticator))
     *     .routes(routes)
     *     .realm("api")
     *     .build();
     * }</pre>
     */
    public static final class Builder {
        private Authenticators defaults;
        private RouteTable routes = RouteTable.of();
        private String realm;
        private String identityHeaderPrefix = normalized(DEFAULT_IDENTITY_HEADER_PREFIX);

        private Builder() {
        }

        /**
         * @param defaults the authenticators of requests whose route names none, and of requests to the application;
         *     {@link Authenticators#anonymous()} lets only routes that name authenticators authenticate
         * @return this builder
         */
        public Builder defaults(Authenticators defaults) {
            this.defaults = Objects.requireNonNull(defaults, "defaults");
            return this;
        }

        /**
         * @param routes the route table the {@link Routing} stage uses: every authenticator its routes name under
         *     {@link Authenticators#KEY} removes its credentials from every request this stage lets through
         * @return this builder
         */
        public Builder routes(RouteTable routes) {
            this.routes = Objects.requireNonNull(routes, "routes");
            return this;
        }

        /** @param realm the {@code realm} parameter of the challenges @return this builder */
        public Builder realm(String realm) {
            this.realm = Objects.requireNonNull(realm, "realm");
            return this;
        }

        /**
         * @param prefix the identity-header family to remove, see {@link Authentication#withIdentityHeaderPrefix}
         * @return this builder
         * @throws IllegalArgumentException when the prefix is empty or not made of header-name characters
         */
        public Builder identityHeaderPrefix(String prefix) {
            this.identityHeaderPrefix = checkedPrefix(prefix);
            return this;
        }

        /**
         * @return the authentication stage
         * @throws IllegalStateException when {@link #defaults} was not set
         */
        public Authentication build() {
            if (defaults == null) {
                throw new IllegalStateException("defaults must be set: Authenticators.of(...) for the authenticators"
                        + " of routes that name none, or Authenticators.anonymous()");
            }
            Set<Authenticator> seen = identitySet(defaults.list());
            List<Authenticator> known = new ArrayList<>(defaults.list());
            for (Route route : routes.routes()) {
                for (Authenticator authenticator : route.metadata().get(Authenticators.KEY)
                        .map(Authenticators::list).orElse(List.of())) {
                    if (seen.add(authenticator)) {
                        known.add(authenticator);
                    }
                }
            }
            return new Authentication(defaults, known, realm, identityHeaderPrefix);
        }
    }
}
