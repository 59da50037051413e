package dev.portcullis.auth;

import dev.portcullis.api.Chain;
import dev.portcullis.api.GatewayRequest;
import dev.portcullis.api.GatewayResponse;
import dev.portcullis.api.HttpHeaders;
import dev.portcullis.api.Interceptor;
import dev.portcullis.api.Problem;
import dev.portcullis.api.ProblemTypes;
import dev.portcullis.api.auth.CredentialRelay;
import dev.portcullis.api.auth.GatewayPrincipal;
import dev.portcullis.api.routing.Routing;
import dev.portcullis.auth.internal.ClaimPath;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Passes the principal on to the upstream as request headers. Place it after {@code Authorization}.
 *
 * <p>For every request it first removes all configured headers the client sent itself (so a client cannot claim to
 * be someone by sending {@code X-User-Id}), then, when a principal is present, sets each header from its claim (an
 * array is joined with {@code ,}). A claim value holding a control character (CR, LF, NUL, ...) is never forwarded:
 * the request is answered 400. The {@code Authorization} header is removed unless the route's
 * {@link CredentialRelay#KEY} metadata (or this stage's default) says {@link CredentialRelay#RELAY}.
 *
 * <pre>{@code
 * Interceptor claimHeaders = ClaimHeaders.builder()
 *     .claim("sub", "X-User-Id")
 *     .claim("tenant", "X-Tenant")
 *     .scopesHeader("X-User-Scopes")
 *     .build();
 * }</pre>
 */
public final class ClaimHeaders implements Interceptor {
    private final Map<String, ClaimPath> claims;
    private final String scopesHeader;
    private final String rolesHeader;
    private final CredentialRelay defaultRelay;

    private ClaimHeaders(Builder b) {
        this.claims = Map.copyOf(b.claims);
        this.scopesHeader = b.scopesHeader;
        this.rolesHeader = b.rolesHeader;
        this.defaultRelay = b.defaultRelay;
    }

    /** @return a builder; by default the {@code Authorization} header is stripped */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public CompletionStage<GatewayResponse> intercept(Chain chain) {
        GatewayRequest request = chain.request();
        HttpHeaders.Builder headers = request.headers().toBuilder();
        claims.keySet().forEach(headers::remove);
        List.of(Objects.toString(scopesHeader, ""), Objects.toString(rolesHeader, "")).stream()
                .filter(name -> !name.isEmpty()).forEach(headers::remove);
        CredentialRelay relay = Routing.metadata(request, CredentialRelay.KEY).orElse(defaultRelay);
        if (relay == CredentialRelay.STRIP) {
            headers.remove("Authorization");
        }
        GatewayPrincipal principal = request.attribute(GatewayPrincipal.ATTRIBUTE).orElse(null);
        if (principal != null) {
            Map<String, String> values = new LinkedHashMap<>();
            claims.forEach((header, path) -> values.put(header,
                    String.join(",", ClaimPath.strings(path.read(principal.claims()), false))));
            if (scopesHeader != null) {
                values.put(scopesHeader, String.join(" ", new TreeSet<>(principal.scopes())));
            }
            if (rolesHeader != null) {
                values.put(rolesHeader, String.join(",", new TreeSet<>(principal.roles())));
            }
            for (Map.Entry<String, String> value : values.entrySet()) {
                if (hasControl(value.getValue())) {
                    return CompletableFuture.completedFuture(GatewayResponse.problem(Problem.builder(
                            ProblemTypes.BAD_REQUEST, 400, "Bad Request").detail("The credential holds a value that "
                            + "cannot be forwarded in " + value.getKey() + ".").build()));
                }
                if (!value.getValue().isEmpty()) {
                    headers.set(value.getKey(), value.getValue());
                }
            }
        }
        return chain.proceed(request.toBuilder().headers(headers.build()).build());
    }

    private static boolean hasControl(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((c < 0x20 && c != '\t') || c == 0x7f) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String name() {
        return "ClaimHeaders";
    }

    /** Collects the settings of {@link ClaimHeaders}. Not thread-safe. */
    public static final class Builder {
        private final Map<String, ClaimPath> claims = new LinkedHashMap<>();
        private String scopesHeader;
        private String rolesHeader;
        private CredentialRelay defaultRelay = CredentialRelay.STRIP;

        private Builder() {
        }

        /** @param claimPath a claim name or dotted path @param header the header to carry it @return this builder */
        public Builder claim(String claimPath, String header) {
            Objects.requireNonNull(header, "header");
            claims.put(header, ClaimPath.parse(claimPath, "claim for " + header));
            return this;
        }

        /** @param header carries the principal's scopes, space-separated @return this builder */
        public Builder scopesHeader(String header) {
            this.scopesHeader = Objects.requireNonNull(header, "scopesHeader");
            return this;
        }

        /** @param header carries the principal's roles, comma-separated @return this builder */
        public Builder rolesHeader(String header) {
            this.rolesHeader = Objects.requireNonNull(header, "rolesHeader");
            return this;
        }

        /** @param relay what routes without {@link CredentialRelay#KEY} do, default STRIP @return this builder */
        public Builder defaultRelay(CredentialRelay relay) {
            this.defaultRelay = Objects.requireNonNull(relay, "defaultRelay");
            return this;
        }

        /** @return the stage @throws IllegalArgumentException when a header name is not a token */
        public ClaimHeaders build() {
            HttpHeaders.Builder check = HttpHeaders.builder();
            claims.keySet().forEach(name -> check.add(name, "x"));
            List.of(Objects.toString(scopesHeader, "X"), Objects.toString(rolesHeader, "X")).forEach(n -> check.add(n, "x"));
            if (claims.keySet().stream().anyMatch("Authorization"::equalsIgnoreCase)) {
                throw new IllegalArgumentException("claim: Authorization cannot carry a claim");
            }
            return new ClaimHeaders(this);
        }
    }
}
