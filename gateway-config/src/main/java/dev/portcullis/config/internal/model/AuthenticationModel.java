package dev.portcullis.config.internal.model;

import dev.portcullis.config.internal.bind.Doc;
import dev.portcullis.config.internal.bind.Required;
import java.util.List;

/**
 * The {@code authentication} stage ({@code Authentication}).
 *
 * <pre>{@code
 * authentication: {defaults: [staff, keys], realm: api}
 * }</pre>
 *
 * @param defaults the authenticators of routes that name none
 * @param realm the realm of the challenges
 * @param identityHeaderPrefix the identity-header family removed from requests
 */
@Doc("The authentication stage; every route's authenticators are known to it, so their credentials are stripped "
        + "everywhere.")
public record AuthenticationModel(
        @Doc("Authenticator names asked on routes without authenticators of their own and on unrouted requests; [] "
                + "asks nobody.") @Required List<String> defaults,
        @Doc("The realm parameter of the challenges.") String realm,
        @Doc("The identity-header family removed from every request, default X-User-.") String identityHeaderPrefix) {
}
