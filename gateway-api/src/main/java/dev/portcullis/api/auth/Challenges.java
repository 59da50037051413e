package dev.portcullis.api.auth;

import dev.portcullis.api.GatewayResponse;
import dev.portcullis.api.Problem;
import dev.portcullis.api.ProblemTypes;

/** Builds the problem responses and RFC 6750 {@code WWW-Authenticate} challenges of the auth stages. */
final class Challenges {
    private Challenges() {
    }

    /** @return a 401 asking for credentials: {@code WWW-Authenticate: Bearer} */
    static GatewayResponse missingCredentials(String realm) {
        Problem problem = Problem.builder(ProblemTypes.UNAUTHORIZED, 401, "Unauthorized")
                .detail("This resource requires authentication.").build();
        return GatewayResponse.problem(problem).withHeader("WWW-Authenticate", bearer(realm, null));
    }

    /** @return the 400, 401 or 503 answer to a rejection; 400 and 401 carry the RFC 6750 challenge */
    static GatewayResponse rejected(AuthResult.Rejected rejected, String realm) {
        if (rejected.status() == 503) {
            Problem problem = Problem.builder(ProblemTypes.SERVICE_UNAVAILABLE, 503, "Service Unavailable")
                    .detail(rejected.description()).build();
            long seconds = Math.max(1, rejected.retryAfter().toSeconds());
            return GatewayResponse.problem(problem).withHeader("Retry-After", Long.toString(seconds));
        }
        Problem problem = rejected.status() == 400
                ? Problem.builder(ProblemTypes.BAD_REQUEST, 400, "Bad Request").detail(rejected.description()).build()
                : Problem.builder(ProblemTypes.UNAUTHORIZED, 401, "Unauthorized").detail(rejected.description()).build();
        String challenge = bearer(realm, "error=" + quote(rejected.error())
                + ", error_description=" + quote(rejected.description()));
        return GatewayResponse.problem(problem).withHeader("WWW-Authenticate", challenge);
    }

    /** @return a 403 {@code insufficient_scope} answer; {@code scope} may be empty */
    static GatewayResponse insufficientScope(String realm, String scope, String description) {
        Problem problem = Problem.builder(ProblemTypes.FORBIDDEN, 403, "Forbidden").detail(description).build();
        String params = "error=\"insufficient_scope\"" + (scope.isEmpty() ? "" : ", scope=" + quote(scope))
                + ", error_description=" + quote(description);
        return GatewayResponse.problem(problem).withHeader("WWW-Authenticate", bearer(realm, params));
    }

    private static String bearer(String realm, String params) {
        StringBuilder value = new StringBuilder("Bearer");
        String separator = " ";
        if (realm != null) {
            value.append(separator).append("realm=").append(quote(realm));
            separator = ", ";
        }
        if (params != null) {
            value.append(separator).append(params);
        }
        return value.toString();
    }

    /**
     * Makes an RFC 7230 quoted-string: backslash and double quote are escaped, control characters and anything
     * outside printable ASCII (which RFC 6750 forbids in these parameters) become {@code ?}.
     */
    static String quote(String text) {
        StringBuilder quoted = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                quoted.append('\\').append(c);
            } else if (c < 0x20 || c > 0x7e) {
                quoted.append('?');
            } else {
                quoted.append(c);
            }
        }
        return quoted.append('"').toString();
    }
}
