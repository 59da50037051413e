package dev.portcullis.core.cors;

import dev.portcullis.api.GatewayRequest;
import dev.portcullis.api.GatewayResponse;
import dev.portcullis.api.HttpHeaders;
import dev.portcullis.api.Interceptor;
import dev.portcullis.api.Problem;
import dev.portcullis.api.ProblemTypes;
import dev.portcullis.api.routing.Routing;
import dev.portcullis.core.guard.GuardPolicy;
import dev.portcullis.core.guard.RequestGuards;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Answers CORS for the whole API, so upstreams need not.
 *
 * <ul>
 *   <li>A request without {@code Origin}, or whose origin is the gateway's own, passes; its response loses the
 *       upstream's {@code Access-Control-*} headers too, so a cache can never replay them to a cross-origin caller.</li>
 *   <li>A preflight ({@code OPTIONS} with {@code Access-Control-Request-Method}) is answered by the gateway: 204 with
 *       the allow headers when origin, method and every requested header are allowed, else a 403
 *       {@code cors-rejected} problem. A method is allowed when the policy lists it and, if the matched route has
 *       a {@link RequestGuards#POLICY} with allowed methods, the route allows it too. It never reaches the upstream,
 *       nor the stages after this one: place it before {@link RequestGuards}, whose method and required-header
 *       checks a preflight (which carries neither) would fail.</li>
 *   <li>Any other cross-origin request proceeds; on the way back the upstream's own {@code Access-Control-*}
 *       headers are removed and, for an allowed origin, the policy's are set, so there is never a second
 *       {@code Access-Control-Allow-Origin}. A disallowed origin gets no CORS headers: the browser blocks it.</li>
 *   <li>Every answer carries {@code Vary: Origin}, with or without an {@code Origin} in the request.</li>
 * </ul>
 *
 * <pre>{@code
 * Pipeline.builder().add(Routing.interceptor(routes)).add(Cors.interceptor(policy))
 *     .add(RequestGuards.interceptor(GuardPolicy.defaults())).add(authentication).build();
 * }</pre>
 */
public final class Cors {
    private static final List<String> RESPONSE_HEADERS = List.of("Access-Control-Allow-Origin",
            "Access-Control-Allow-Credentials", "Access-Control-Expose-Headers", "Access-Control-Allow-Methods",
            "Access-Control-Allow-Headers", "Access-Control-Max-Age");

    private Cors() {
    }

    /**
     * @param policy who may call
     * @return an interceptor named {@code Cors}; place it after routing and before the guards and authentication, so
     *     preflights need no credentials and no required header
     */
    public static Interceptor interceptor(CorsPolicy policy) {
        Objects.requireNonNull(policy, "policy");
        return Interceptor.named("Cors", chain -> {
            GatewayRequest request = chain.request();
            Optional<String> origin = request.headers().first("Origin");
            if (origin.isEmpty() || isSameOrigin(request, origin.get())) {
                return chain.proceed(request).thenApply(response -> decorate(policy, response, "", false));
            }
            boolean allowed = policy.allowsOrigin(origin.get());
            if (request.method().equals("OPTIONS") && request.headers().contains("Access-Control-Request-Method")) {
                return CompletableFuture.completedFuture(preflight(policy, request, origin.get(), allowed));
            }
            return chain.proceed(request).thenApply(response -> decorate(policy, response, origin.get(), allowed));
        });
    }

    private static boolean isSameOrigin(GatewayRequest request, String origin) {
        return origin.equalsIgnoreCase(request.scheme() + "://" + request.authority());
    }

    private static GatewayResponse preflight(CorsPolicy policy, GatewayRequest request, String origin,
                                             boolean allowed) {
        String method = request.headers().first("Access-Control-Request-Method").orElse("").trim();
        List<String> requested = new ArrayList<>();
        for (String value : request.headers().all("Access-Control-Request-Headers")) {
            for (String name : value.split(",")) {
                if (!name.isBlank()) {
                    requested.add(name.trim());
                }
            }
        }
        Set<String> methods = methods(policy, request);
        String refusal = !allowed ? "The origin is not allowed."
                : !methods.contains(method) ? "The method " + method + " is not allowed cross-origin."
                : requested.stream().allMatch(policy::allowsHeader) ? null
                : "A requested header is not allowed cross-origin.";
        HttpHeaders.Builder headers = HttpHeaders.builder()
                .add("Vary", "Origin, Access-Control-Request-Method, Access-Control-Request-Headers");
        if (refusal != null) {
            return GatewayResponse.problem(Problem.builder(ProblemTypes.CORS_REJECTED, 403, "Forbidden")
                    .detail("CORS preflight refused: " + refusal).build()).toBuilder()
                    .headers(headers.build()).build();
        }
        allowOrigin(policy, headers, origin)
                .add("Access-Control-Allow-Methods", String.join(", ", methods))
                .add("Access-Control-Max-Age", Long.toString(policy.maxAge().toSeconds()));
        if (!requested.isEmpty()) {
            headers.add("Access-Control-Allow-Headers", String.join(", ", requested));
        }
        return GatewayResponse.builder(204).headers(headers.build()).build();
    }

    /** @return the policy's methods, narrowed to those the matched route's {@link GuardPolicy} allows, if it lists any */
    private static Set<String> methods(CorsPolicy policy, GatewayRequest request) {
        Set<String> route = Routing.metadata(request, RequestGuards.POLICY)
                .map(GuardPolicy::allowedMethods).orElse(Set.of());
        if (route.isEmpty()) {
            return policy.methods();
        }
        Set<String> both = new LinkedHashSet<>(policy.methods());
        both.retainAll(route);
        return both;
    }

    private static GatewayResponse decorate(CorsPolicy policy, GatewayResponse response, String origin,
                                            boolean allowed) {
        HttpHeaders.Builder headers = response.headers().toBuilder();
        RESPONSE_HEADERS.forEach(headers::remove);
        if (allowed) {
            allowOrigin(policy, headers, origin);
            if (!policy.exposedHeaders().isEmpty()) {
                headers.add("Access-Control-Expose-Headers", String.join(", ", policy.exposedHeaders()));
            }
        }
        addVaryOrigin(headers, response.headers().all("Vary"));
        return response.toBuilder().headers(headers.build()).build();
    }

    private static HttpHeaders.Builder allowOrigin(CorsPolicy policy, HttpHeaders.Builder headers, String origin) {
        headers.add("Access-Control-Allow-Origin", origin);
        if (policy.allowCredentials()) {
            headers.add("Access-Control-Allow-Credentials", "true");
        }
        return headers;
    }

    private static void addVaryOrigin(HttpHeaders.Builder headers, List<String> vary) {
        for (String value : vary) {
            for (String token : value.split(",")) {
                if (token.trim().equalsIgnoreCase("Origin") || token.trim().equals("*")) {
                    return;
                }
            }
        }
        headers.add("Vary", "Origin");
    }
}
