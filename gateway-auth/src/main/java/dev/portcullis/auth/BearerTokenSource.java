package dev.portcullis.auth;

import dev.portcullis.api.GatewayRequest;
import dev.portcullis.api.HttpHeaders;
import dev.portcullis.api.QueryParameters;
import dev.portcullis.api.auth.AuthResult;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.StringJoiner;
import java.util.regex.Pattern;

/**
 * Where bearer tokens are read from: always {@code Authorization: Bearer <token>} (scheme in any case), and
 * optionally one cookie and one query parameter. Immutable.
 *
 * <p>Rules: a token longer than {@link Builder#maxLength(int)} (default 8192) is rejected before any parsing; a
 * token that is not RFC 6750 {@code b64token} syntax is rejected; a token in more than one place (header, cookie,
 * query: RFC 6750 §2 allows one method), even the same token twice, or two <em>different</em> tokens in one request
 * are rejected ({@code invalid_request}, answered 400). The {@code Authentication} stage removes the token cookie
 * and query parameter from every request it lets through ({@link #withoutTokens}), whichever authenticator won.
 *
 * <pre>{@code
 * BearerTokenSource source = BearerTokenSource.builder().cookie("access_token").queryParameter("access_token").build();
 * }</pre>
 */
public final class BearerTokenSource {
    private static final Pattern B64TOKEN = Pattern.compile("[A-Za-z0-9\\-._~+/]+=*");
    private static final BearerTokenSource HEADER_ONLY = builder().build();

    private final String cookie;
    private final String queryParameter;
    private final int maxLength;

    private BearerTokenSource(Builder b) {
        this.cookie = b.cookie;
        this.queryParameter = b.queryParameter;
        this.maxLength = b.maxLength;
    }

    /** @return the default source: the {@code Authorization} header only, tokens up to 8192 characters */
    public static BearerTokenSource authorizationHeader() {
        return HEADER_ONLY;
    }

    /** @return a builder */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * @param request the request
     * @return what the request carries: nothing, one token, or a reason to reject it
     */
    public Extraction extract(GatewayRequest request) {
        Set<String> tokens = new LinkedHashSet<>(2);
        int methods = 0;
        for (String value : request.headers().all("Authorization")) {
            String trimmed = value.trim();
            if (trimmed.regionMatches(true, 0, "Bearer", 0, 6)
                    && (trimmed.length() == 6 || trimmed.charAt(6) == ' ')) {
                tokens.add(trimmed.substring(6).trim());
            }
        }
        methods += tokens.isEmpty() ? 0 : 1;
        if (cookie != null) {
            boolean found = false;
            for (String header : request.headers().all("Cookie")) {
                for (String pair : header.split(";")) {
                    if (isTokenCookie(pair)) {
                        tokens.add(pair.substring(pair.indexOf('=') + 1).trim());
                        found = true;
                    }
                }
            }
            methods += found ? 1 : 0;
        }
        if (queryParameter != null) {
            List<String> inQuery = QueryParameters.values(request.rawQuery().orElse(null), queryParameter);
            tokens.addAll(inQuery);
            methods += inQuery.isEmpty() ? 0 : 1;
        }
        return check(tokens, methods);
    }

    private boolean isTokenCookie(String pair) {
        int eq = pair.indexOf('=');
        return eq > 0 && pair.substring(0, eq).trim().equals(cookie);
    }

    /**
     * @param request a request about to be forwarded
     * @return it without the token cookie (other cookies kept) and the token query parameter; the
     *     {@code Authorization} header is left to the route's relay policy
     */
    public GatewayRequest withoutTokens(GatewayRequest request) {
        GatewayRequest.Builder stripped = null;
        if (cookie != null && !request.headers().all("Cookie").isEmpty()) {
            HttpHeaders.Builder headers = request.headers().toBuilder().remove("Cookie");
            for (String header : request.headers().all("Cookie")) {
                StringJoiner kept = new StringJoiner("; ");
                for (String pair : header.split(";")) {
                    if (!isTokenCookie(pair) && !pair.isBlank()) {
                        kept.add(pair.trim());
                    }
                }
                if (kept.length() > 0) {
                    headers.add("Cookie", kept.toString());
                }
            }
            stripped = request.toBuilder().headers(headers.build());
        }
        String rawQuery = request.rawQuery().orElse(null);
        if (queryParameter != null && !QueryParameters.values(rawQuery, queryParameter).isEmpty()) {
            stripped = (stripped == null ? request.toBuilder() : stripped)
                    .rawQuery(QueryParameters.without(rawQuery, queryParameter));
        }
        return stripped == null ? request : stripped.build();
    }

    private Extraction check(Set<String> tokens, int methods) {
        if (tokens.isEmpty()) {
            return new Extraction(null, null);
        }
        for (String token : tokens) {
            if (token.length() > maxLength) {
                return new Extraction(null,
                        AuthResult.invalidToken("The token is longer than " + maxLength + " characters."));
            }
        }
        if (methods > 1) {
            return new Extraction(null, AuthResult.invalidRequest(
                    "The request carries a token in more than one place (header, cookie, query)."));
        }
        if (tokens.size() > 1) {
            return new Extraction(null,
                    AuthResult.invalidRequest("The request carries more than one token."));
        }
        String token = tokens.iterator().next();
        if (!B64TOKEN.matcher(token).matches()) {
            return new Extraction(null, AuthResult.invalidToken("The bearer token is malformed."));
        }
        return new Extraction(token, null);
    }

    /**
     * The credential found in a request: both components null when it carries none.
     *
     * @param token the token, or null
     * @param rejection why the request is refused (two tokens, a malformed or overlong one), or null
     */
    public record Extraction(String token, AuthResult rejection) {
    }

    /** Collects the settings of a {@link BearerTokenSource}. Not thread-safe. */
    public static final class Builder {
        private String cookie;
        private String queryParameter;
        private int maxLength = 8192;

        private Builder() {
        }

        /** @param name a cookie that may carry the token @return this builder */
        public Builder cookie(String name) {
            this.cookie = Objects.requireNonNull(name, "cookie");
            return this;
        }

        /**
         * @param name a query parameter that may carry the token; it is removed from the forwarded URL. Tokens in
         *     URLs end up in access logs: prefer the header.
         * @return this builder
         */
        public Builder queryParameter(String name) {
            this.queryParameter = Objects.requireNonNull(name, "queryParameter");
            return this;
        }

        /** @param chars the longest token accepted @return this builder */
        public Builder maxLength(int chars) {
            this.maxLength = chars;
            return this;
        }

        /** @return the source @throws IllegalArgumentException naming a bad setting */
        public BearerTokenSource build() {
            if (maxLength < 16) {
                throw new IllegalArgumentException("maxLength must be at least 16: " + maxLength);
            }
            if (cookie != null && cookie.isBlank()) {
                throw new IllegalArgumentException("cookie must not be blank");
            }
            if (queryParameter != null && queryParameter.isBlank()) {
                throw new IllegalArgumentException("queryParameter must not be blank");
            }
            return new BearerTokenSource(this);
        }
    }
}
