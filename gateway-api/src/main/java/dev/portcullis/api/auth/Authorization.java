package dev.portcullis.api.auth;

import dev.portcullis.api.Chain;
import dev.portcullis.api.GatewayRequest;
import dev.portcullis.api.GatewayResponse;
import dev.portcullis.api.Interceptor;
import dev.portcullis.api.routing.Routing;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Enforces {@link AccessPolicy} per route. Place it after {@link Routing#interceptor} and {@link Authentication}.
 *
 * <p>The policy is the matched route's {@link AccessPolicy#KEY} metadata, or the default policy when the route has
 * none or the request has no route (it goes to the servlet application). Then:
 * <ul>
 *   <li>anonymous policy: proceed;</li>
 *   <li>no principal: 401 problem with {@code WWW-Authenticate: Bearer};</li>
 *   <li>a requirement unmet: 403 problem with
 *       {@code WWW-Authenticate: Bearer error="insufficient_scope", scope="..."};</li>
 *   <li>otherwise proceed.</li>
 * </ul>
 * CORS preflights ({@code OPTIONS} with {@code Origin} and {@code Access-Control-Request-Method}) carry no
 * credentials by design of the Fetch standard. By default they are treated like any request (so they fail with 401
 * on protected routes): put the CORS stage before this one so it answers preflights itself, or turn on
 * {@link Builder#allowCorsPreflight(boolean)} when the upstream answers them.
 *
 * <pre>{@code
 * Interceptor authorization = Authorization.builder()
 *     .defaultPolicy(AccessPolicy.authenticated())
 *     .build();
 * }</pre>
 */
public final class Authorization implements Interceptor {
    private final AccessPolicy defaultPolicy;
    private final boolean allowCorsPreflight;
    private final String realm;

    private Authorization(Builder b) {
        this.defaultPolicy = b.defaultPolicy;
        this.allowCorsPreflight = b.allowCorsPreflight;
        this.realm = b.realm;
    }

    /** @return a builder; the default policy is {@link AccessPolicy#authenticated()} */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public CompletionStage<GatewayResponse> intercept(Chain chain) {
        GatewayRequest request = chain.request();
        AccessPolicy policy = Routing.metadata(request, AccessPolicy.KEY)
                .orElse(defaultPolicy);
        if (policy.allowsAnonymous() || (allowCorsPreflight && isPreflight(request))) {
            return chain.proceed(request);
        }
        Optional<GatewayPrincipal> principal = request.attribute(GatewayPrincipal.ATTRIBUTE);
        if (principal.isEmpty()) {
            return CompletableFuture.completedFuture(Challenges.missingCredentials(realm));
        }
        AccessPolicy.Requirement unmet = policy.firstUnmet(principal.get());
        if (unmet != null) {
            return CompletableFuture.completedFuture(Challenges.insufficientScope(realm, unmet.scope(),
                    "This resource requires " + unmet.description() + '.'));
        }
        return chain.proceed(request);
    }

    private static boolean isPreflight(GatewayRequest request) {
        return request.method().equals("OPTIONS") && request.headers().contains("Origin")
                && request.headers().contains("Access-Control-Request-Method");
    }

    @Override
    public String name() {
        return "Authorization";
    }

    /** Collects the settings of an {@link Authorization} stage. Not thread-safe. */
    public static final class Builder {
        private AccessPolicy defaultPolicy = AccessPolicy.authenticated();
        private boolean allowCorsPreflight;
        private String realm;

        private Builder() {
        }

        /** @param policy the policy of routes without one and of requests to the application @return this builder */
        public Builder defaultPolicy(AccessPolicy policy) {
            this.defaultPolicy = Objects.requireNonNull(policy, "defaultPolicy");
            return this;
        }

        /** @param allow let CORS preflights through unauthenticated (default false) @return this builder */
        public Builder allowCorsPreflight(boolean allow) {
            this.allowCorsPreflight = allow;
            return this;
        }

        /** @param realm the {@code realm} parameter of the challenges @return this builder */
        public Builder realm(String realm) {
            this.realm = Objects.requireNonNull(realm, "realm");
            return this;
        }

        /** @return the authorization stage */
        public Authorization build() {
            return new Authorization(this);
        }
    }
}
