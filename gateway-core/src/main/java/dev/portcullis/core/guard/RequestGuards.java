package dev.portcullis.core.guard;

import dev.portcullis.api.AttributeKey;
import dev.portcullis.api.GatewayRequest;
import dev.portcullis.api.GatewayResponse;
import dev.portcullis.api.Interceptor;
import dev.portcullis.api.Problem;
import dev.portcullis.api.ProblemTypes;
import dev.portcullis.api.routing.Routing;
import dev.portcullis.api.validation.BodyLimits;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * The cheap guards of a {@link GuardPolicy}, applied in this order before any body byte is read:
 * URI length (414), header section size (431), method (405 with {@code Allow}), declared body size (413),
 * content type of a request with a body (415), required headers and query parameters (400, {@code violations}).
 * A request that passes continues with its body wrapped by {@link BodyLimits#limit}, so a chunked body that
 * grows past the cap fails mid-stream with 413 and the upstream exchange is cancelled.
 *
 * <p>{@code Expect: 100-continue} needs nothing special: every check here looks at headers only, so a request
 * declaring an oversized length is answered with 413 before the body is asked for, and the container never sends
 * {@code 100 Continue}.
 *
 * <p>The policy is the matched route's {@code metadata(POLICY, ...)} if it has one, else the default, so put
 * {@code Routing.interceptor(..)} before the guards.
 *
 * <pre>{@code
 * Route upload = Route.builder("upload").path("/upload/**").upstream("http://127.0.0.1:9001")
 *     .metadata(RequestGuards.POLICY, GuardPolicy.builder().maxBodyBytes(50_000_000).build())
 *     .build();
 * Pipeline.builder()
 *     .add(Routing.interceptor(RouteTable.of(upload)))
 *     .add(RequestGuards.interceptor(GuardPolicy.defaults()))
 *     .build();
 * }</pre>
 */
public final class RequestGuards {
    /** A route's own guard policy, read from {@code Route.metadata()}. */
    public static final AttributeKey<GuardPolicy> POLICY = AttributeKey.of("guard-policy", GuardPolicy.class);

    private RequestGuards() {
    }

    /**
     * @param defaults the policy for requests without a matched route or whose route sets none
     * @return an interceptor named {@code RequestGuards}
     */
    public static Interceptor interceptor(GuardPolicy defaults) {
        Objects.requireNonNull(defaults, "defaults");
        return Interceptor.named("RequestGuards", chain -> {
            GatewayRequest request = chain.request();
            GuardPolicy policy = Routing.metadata(request, POLICY)
                    .orElse(defaults);
            GatewayResponse rejection = GuardChecks.firstRejection(request, policy);
            if (rejection != null) {
                return CompletableFuture.completedFuture(rejection);
            }
            if (!GuardChecks.hasBody(request)) {
                return chain.proceed(request);
            }
            return chain.proceed(request.toBuilder()
                    .body(BodyLimits.limit(request.body(), policy.maxBodyBytes()))
                    .build());
        });
    }

    static GatewayResponse problem(String type, int status, String title, String detail) {
        return GatewayResponse.problem(Problem.builder(type, status, title).detail(detail).build());
    }

    static GatewayResponse methodNotAllowed(GuardPolicy policy, String method) {
        String allow = String.join(", ", policy.allowedMethods());
        return problem(ProblemTypes.METHOD_NOT_ALLOWED, 405, "Method Not Allowed",
                "The method " + method + " is not allowed here; allowed: " + allow + ".")
                .withHeader("Allow", allow);
    }
}
