package dev.portcullis.examples.custom;

import dev.portcullis.api.AttributeKey;
import dev.portcullis.api.Chain;
import dev.portcullis.api.GatewayRequest;
import dev.portcullis.api.GatewayResponse;
import dev.portcullis.api.HttpHeaders;
import dev.portcullis.api.Interceptor;
import dev.portcullis.api.Problem;
import dev.portcullis.api.routing.Routing;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A teaching example of a custom {@link Interceptor}: every <em>routed</em> request must name a known tenant in a
 * header; the tenant then travels on as the typed attribute {@link #TENANT}.
 *
 * <p>What it shows, one point per rule of the interceptor contract:
 * <ul>
 *   <li><b>Read the request, decide, then either answer or proceed.</b> A routed request without the header is
 *       answered {@code 400} ({@link #TENANT_REQUIRED}); one naming a tenant not in the list is answered {@code 403}
 *       ({@link #UNKNOWN_TENANT}). Both are {@link GatewayResponse#problem(Problem) problems}, so the filter renders
 *       them as {@code application/problem+json} with the request id; the upstream is never called.</li>
 *   <li><b>Use earlier stages' attributes.</b> It acts only when {@link Routing#MATCH} is present, so it must come
 *       after {@code Routing.interceptor(..)}; requests for the servlet application pass untouched.</li>
 *   <li><b>Change the request by building a new one.</b> The accepted tenant is attached with
 *       {@link GatewayRequest#withAttribute}, and the header is set to its canonical (lower-case) spelling, so the
 *       upstream sees exactly the value that was checked.</li>
 *   <li><b>Hold no per-request state.</b> The tenant set is fixed at build time; one instance serves every
 *       request concurrently.</li>
 * </ul>
 *
 * <pre>{@code
 * Pipeline pipeline = Pipeline.builder()
 *     .add(Routing.interceptor(routes))
 *     .add(TenantInterceptor.builder().header("X-Tenant").tenants("acme", "globex").build())
 *     .build();
 * // later: chain.request().attribute(TenantInterceptor.TENANT)  ->  Optional[acme]
 * }</pre>
 */
public final class TenantInterceptor implements Interceptor {
    /** The accepted tenant of a routed request, in lower case. */
    public static final AttributeKey<String> TENANT = AttributeKey.of("tenant", String.class);
    /** Problem type of a routed request that names no tenant (400). Custom stages use URIs of their own. */
    public static final String TENANT_REQUIRED = "https://portcullis.dev/examples/problems/tenant-required";
    /** Problem type of a routed request that names a tenant not in the list (403). */
    public static final String UNKNOWN_TENANT = "https://portcullis.dev/examples/problems/unknown-tenant";

    private final String header;
    private final Set<String> tenants;
    private final Problem missing;

    private TenantInterceptor(Builder b) {
        this.header = b.header;
        this.tenants = Set.copyOf(b.tenants);
        this.missing = Problem.builder(TENANT_REQUIRED, 400, "Tenant Required")
                .detail("This route needs the " + header + " header.")
                .build();
    }

    /** @return a builder; the header defaults to {@code X-Tenant} and at least one tenant is required */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public CompletionStage<GatewayResponse> intercept(Chain chain) {
        GatewayRequest request = chain.request();
        if (request.attribute(Routing.MATCH).isEmpty()) {
            return chain.proceed(request);
        }
        Optional<String> named = request.headers().first(header).map(String::strip);
        if (named.isEmpty() || named.get().isEmpty()) {
            return CompletableFuture.completedFuture(GatewayResponse.problem(missing));
        }
        String tenant = named.get().toLowerCase(java.util.Locale.ROOT);
        if (!tenants.contains(tenant)) {
            // The detail names no tenant: echoing client input back is how header-injection bugs start.
            return CompletableFuture.completedFuture(GatewayResponse.problem(
                    Problem.builder(UNKNOWN_TENANT, 403, "Unknown Tenant")
                            .detail("The tenant in the " + header + " header is not served here.")
                            .build()));
        }
        HttpHeaders canonical = request.headers().toBuilder().set(header, tenant).build();
        return chain.proceed(request.toBuilder().headers(canonical).build().withAttribute(TENANT, tenant));
    }

    @Override
    public String toString() {
        return "TenantInterceptor[" + header + " in " + new TreeSet<>(tenants) + ']';
    }

    /** Collects the header name and the known tenants; {@link #build()} checks them. Not thread-safe. */
    public static final class Builder {
        private String header = "X-Tenant";
        private final Set<String> tenants = new TreeSet<>();

        private Builder() {
        }

        /** @param header the request header naming the tenant, default {@code X-Tenant} @return this builder */
        public Builder header(String header) {
            this.header = Objects.requireNonNull(header, "header");
            return this;
        }

        /** @param ids tenant ids, matched case-insensitively @return this builder */
        public Builder tenants(String... ids) {
            for (String id : Objects.requireNonNull(ids, "tenants")) {
                tenants.add(Objects.requireNonNull(id, "tenant").toLowerCase(java.util.Locale.ROOT));
            }
            return this;
        }

        /**
         * @return the interceptor
         * @throws IllegalArgumentException naming {@code header} or {@code tenants} when one is unusable
         */
        public TenantInterceptor build() {
            if (!header.matches("[A-Za-z0-9!#$%&'*+.^_`|~-]+")) {
                throw new IllegalArgumentException("header: not a header name: '" + header + "'");
            }
            if (tenants.isEmpty()) {
                throw new IllegalArgumentException("tenants: at least one tenant is required");
            }
            for (String id : tenants) {
                if (!id.matches("[a-z0-9][a-z0-9-]{0,62}")) {
                    throw new IllegalArgumentException("tenants: '" + id + "' is not a tenant id ([a-z0-9-], 1-63)");
                }
            }
            return new TenantInterceptor(this);
        }
    }
}
