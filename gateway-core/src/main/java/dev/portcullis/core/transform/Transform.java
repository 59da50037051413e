package dev.portcullis.core.transform;

import dev.portcullis.api.AttributeKey;
import dev.portcullis.api.GatewayRequest;
import dev.portcullis.api.GatewayResponse;
import dev.portcullis.api.Interceptor;
import dev.portcullis.api.routing.Routing;
import java.util.Objects;

/**
 * Request header, query and response header edits as one interceptor. Path rewrites belong to the route
 * ({@code stripPrefix}, {@code rewrite}, {@code addPrefix}) and the {@code Host} sent upstream to
 * {@code Route.preserveHost}; this class does neither.
 *
 * <pre>{@code
 * Transform transform = Transform.builder()
 *     .request(HeaderEdits.builder().remove("Cookie").set("X-Gateway", "portcullis").build())
 *     .query(QueryEdits.builder().remove("debug").build())
 *     .response(HeaderEdits.builder().remove("Server").build())
 *     .build();
 * Pipeline.builder().add(transform.interceptor()).add(Transform.perRoute()).build();
 * }</pre>
 */
public final class Transform {
    /** A route's own transform, read by {@link #perRoute()} from {@code Route.metadata()}. */
    public static final AttributeKey<Transform> ROUTE = AttributeKey.of("transform", Transform.class);

    private final HeaderEdits request;
    private final QueryEdits query;
    private final HeaderEdits response;

    private Transform(Builder b) {
        this.request = b.request;
        this.query = b.query;
        this.response = b.response;
    }

    /** @return a builder that changes nothing until told */
    public static Builder builder() {
        return new Builder();
    }

    /** @return an interceptor named {@code Transform} applying these edits to every request and response */
    public Interceptor interceptor() {
        return Interceptor.named("Transform", chain -> chain.proceed(applyTo(chain.request()))
                .thenApply(this::applyTo));
    }

    /** @return an interceptor applying the matched route's {@link #ROUTE} transform, if it has one */
    public static Interceptor perRoute() {
        return Interceptor.named("RouteTransform", chain -> {
            Transform transform = Routing.metadata(chain.request(), ROUTE).orElse(null);
            return transform == null
                    ? chain.proceed(chain.request())
                    : chain.proceed(transform.applyTo(chain.request())).thenApply(transform::applyTo);
        });
    }

    private GatewayRequest applyTo(GatewayRequest original) {
        GatewayRequest.Builder changed = original.toBuilder().headers(request.apply(original.headers()));
        if (!query.isEmpty()) {
            changed.rawQuery(query.apply(original.rawQuery().orElse(null)));
        }
        return changed.build();
    }

    private GatewayResponse applyTo(GatewayResponse original) {
        return original.toBuilder().headers(response.apply(original.headers())).build();
    }

    /** Collects the edits of a {@link Transform}. Not thread-safe. */
    public static final class Builder {
        private HeaderEdits request = HeaderEdits.none();
        private QueryEdits query = QueryEdits.builder().build();
        private HeaderEdits response = HeaderEdits.none();

        private Builder() {
        }

        /** @param edits edits of the request headers @return this builder */
        public Builder request(HeaderEdits edits) {
            this.request = Objects.requireNonNull(edits, "request");
            return this;
        }

        /** @param edits edits of the raw query @return this builder */
        public Builder query(QueryEdits edits) {
            this.query = Objects.requireNonNull(edits, "query");
            return this;
        }

        /** @param edits edits of the response headers @return this builder */
        public Builder response(HeaderEdits edits) {
            this.response = Objects.requireNonNull(edits, "response");
            return this;
        }

        /** @return the transform */
        public Transform build() {
            return new Transform(this);
        }
    }
}
