package dev.portcullis.api;

import java.util.Objects;
import java.util.Optional;

/**
 * An immutable response travelling back up the pipeline: from the upstream, from the application, or made by an
 * interceptor that answered itself.
 *
 * <p>Three kinds exist:
 * <ul>
 *   <li>an ordinary response with status, headers and a (possibly streamed) {@link Body};</li>
 *   <li>a {@linkplain #problem(Problem) problem}, which the gateway renders as {@code application/problem+json}
 *       with the request id;</li>
 *   <li>{@linkplain #passToApplication() pass to application}: the request is for the servlet application behind
 *       the filter. Headers added to it are set on the servlet response before the application runs.</li>
 * </ul>
 *
 * <pre>{@code
 * return chain.proceed(chain.request())
 *     .thenApply(response -> response.toBuilder()
 *         .headers(response.headers().toBuilder().set("X-Served-By", "portcullis").build())
 *         .build());
 * }</pre>
 */
public final class GatewayResponse {
    private static final GatewayResponse PASS = new Builder(0).passToApplication(true).build();

    private final int status;
    private final HttpHeaders headers;
    private final Body body;
    private final Problem problem;
    private final boolean passToApplication;

    private GatewayResponse(Builder b) {
        this.status = b.status;
        this.headers = Objects.requireNonNull(b.headers, "headers");
        this.body = Objects.requireNonNull(b.body, "body");
        this.problem = b.problem;
        this.passToApplication = b.passToApplication;
        if (!passToApplication && (status < 100 || status > 999)) {
            throw new IllegalArgumentException("status out of range: " + status);
        }
    }

    /**
     * @param status the HTTP status
     * @return a builder for an ordinary response with no headers and an empty body
     */
    public static Builder builder(int status) {
        return new Builder(status);
    }

    /**
     * @param problem the problem
     * @return a response the gateway renders as {@code application/problem+json} with the problem's status
     */
    public static GatewayResponse problem(Problem problem) {
        return new Builder(problem.status()).problem(problem).build();
    }

    /** @return the marker response that hands the request to the servlet application behind the filter */
    public static GatewayResponse passToApplication() {
        return PASS;
    }

    /** @return a builder holding every value of this response */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** @return the status; 0 for {@linkplain #passToApplication() pass to application} */
    public int status() {
        return status;
    }

    /** @return the headers */
    public HttpHeaders headers() {
        return headers;
    }

    /** @return the body; ignored for problems, which the gateway renders */
    public Body body() {
        return body;
    }

    /** @return the problem this response reports, if it is one */
    public Optional<Problem> problem() {
        return Optional.ofNullable(problem);
    }

    /** @return whether the servlet application, not the gateway, produces the response */
    public boolean passesToApplication() {
        return passToApplication;
    }

    /**
     * @param name a header name
     * @param value the value to set, replacing any other
     * @return a copy with the header set
     */
    public GatewayResponse withHeader(String name, String value) {
        return toBuilder().headers(headers.toBuilder().set(name, value).build()).build();
    }

    @Override
    public String toString() {
        if (passToApplication) {
            return "GatewayResponse[pass to application]";
        }
        return "GatewayResponse[" + status + (problem == null ? "" : " " + problem.type()) + ']';
    }

    /** Collects the values of a {@link GatewayResponse}. Not thread-safe. */
    public static final class Builder {
        private int status;
        private HttpHeaders headers = HttpHeaders.empty();
        private Body body = Body.empty();
        private Problem problem;
        private boolean passToApplication;

        private Builder(int status) {
            this.status = status;
        }

        private Builder(GatewayResponse r) {
            status = r.status;
            headers = r.headers;
            body = r.body;
            problem = r.problem;
            passToApplication = r.passToApplication;
        }

        /** @param status the HTTP status @return this builder */
        public Builder status(int status) {
            this.status = status;
            return this;
        }

        /** @param headers the headers @return this builder */
        public Builder headers(HttpHeaders headers) {
            this.headers = headers;
            return this;
        }

        /**
         * @param name a header name
         * @param value a value appended after existing ones
         * @return this builder
         */
        public Builder header(String name, String value) {
            this.headers = headers.toBuilder().add(name, value).build();
            return this;
        }

        /** @param body the body @return this builder */
        public Builder body(Body body) {
            this.body = body;
            return this;
        }

        private Builder problem(Problem problem) {
            this.problem = problem;
            return this;
        }

        private Builder passToApplication(boolean pass) {
            this.passToApplication = pass;
            return this;
        }

        /** @return the response */
        public GatewayResponse build() {
            return new GatewayResponse(this);
        }
    }
}
