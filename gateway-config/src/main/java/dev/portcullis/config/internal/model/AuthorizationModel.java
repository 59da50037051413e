package dev.portcullis.config.internal.model;

import dev.portcullis.config.internal.bind.Doc;

/**
 * The {@code authorization} stage ({@code Authorization}).
 *
 * <pre>{@code
 * authorization: {defaultPolicy: authenticated, allowCorsPreflight: false}
 * }</pre>
 *
 * @param defaultPolicy the policy of routes without one
 * @param allowCorsPreflight whether preflights pass unauthenticated
 * @param realm the realm of the challenges
 */
@Doc("The authorization stage.")
public record AuthorizationModel(
        @Doc("The policy of routes without access settings and of unrouted requests; default authenticated.")
        AccessModel defaultPolicy,
        @Doc("Let CORS preflights through unauthenticated; default false.") Boolean allowCorsPreflight,
        @Doc("The realm parameter of the challenges.") String realm) {
}
