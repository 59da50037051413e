package dev.portcullis.api.auth;

import dev.portcullis.api.GatewayRequest;
import java.util.concurrent.CompletionStage;

/**
 * A decision about who sent a request, adapted into the pipeline by {@link Authentication#interceptor}.
 *
 * <p>Contract: look only at the credential this authenticator understands. When the request carries none, answer
 * {@link AuthResult#abstain()} so the next authenticator may try; when it carries one that is bad, answer
 * {@link AuthResult#invalidToken(String)}; when the identity provider cannot be asked, answer
 * {@link AuthResult#unavailable(String, java.time.Duration)} (a 503, never a 500). Never block: remote checks belong
 * in the returned stage. Implementations are shared by all requests and must be thread-safe.
 *
 * <pre>{@code
 * Authenticator demo = request -> CompletableFuture.completedFuture(
 *     request.headers().first("X-Demo-User")
 *         .map(user -> AuthResult.authenticated(GatewayPrincipal.builder(user, "demo").build(), request))
 *         .orElse(AuthResult.abstain()));
 * }</pre>
 */
@FunctionalInterface
public interface Authenticator {

    /**
     * @param request the request to authenticate
     * @return the decision, now or later; never null
     */
    CompletionStage<AuthResult> authenticate(GatewayRequest request);

    /**
     * Removes the credentials this authenticator reads (a token cookie, a token query parameter, an API-key header)
     * so they never reach the upstream. The {@link Authentication} stage applies it for every authenticator it knows
     * (its defaults, those its routes name in {@link Authenticators#KEY}, those chosen for the request) to every
     * request it lets through, whichever authenticator won, or none. The {@code Authorization} header is left to the
     * route's {@link CredentialRelay}.
     *
     * @param request a request about to be forwarded
     * @return the request without this authenticator's credentials; by default unchanged
     */
    default GatewayRequest withoutCredentials(GatewayRequest request) {
        return request;
    }
}
