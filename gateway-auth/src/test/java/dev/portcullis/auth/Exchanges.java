package dev.portcullis.auth;

import dev.portcullis.api.Body;
import dev.portcullis.api.GatewayRequest;
import dev.portcullis.api.GatewayResponse;
import dev.portcullis.api.Handler;
import dev.portcullis.api.HttpHeaders;
import dev.portcullis.api.Interceptor;
import dev.portcullis.api.Pipeline;
import dev.portcullis.api.auth.GatewayPrincipal;
import java.net.InetAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs requests through a pipeline whose terminal handler reports what reached it. */
public final class Exchanges {
    private Exchanges() {
    }

    /** Answers 200 with headers X-Principal, X-Scopes, X-Roles, X-Query, and echoes the forwarded headers. */
    public static final Handler TERMINAL = request -> {
        HttpHeaders.Builder headers = HttpHeaders.builder();
        request.attribute(GatewayPrincipal.ATTRIBUTE).ifPresent(p -> headers
                .set("X-Principal", p.name())
                .set("X-Scopes", String.join(" ", new java.util.TreeSet<>(p.scopes())))
                .set("X-Roles", String.join(" ", new java.util.TreeSet<>(p.roles()))));
        headers.set("X-Query", request.rawQuery().orElse("(none)"));
        request.headers().forEach((name, value) -> headers.add("Echo-" + name, value));
        return CompletableFuture.completedFuture(
                GatewayResponse.builder(200).headers(headers.build()).body(Body.of("ok")).build());
    };

    public static GatewayRequest.Builder request(String pathAndQuery) {
        int q = pathAndQuery.indexOf('?');
        return GatewayRequest.builder().id("req-1").method("GET").authority("gw.test")
                .rawPath(q < 0 ? pathAndQuery : pathAndQuery.substring(0, q))
                .rawQuery(q < 0 ? null : pathAndQuery.substring(q + 1))
                .clientAddress(InetAddress.getLoopbackAddress());
    }

    public static GatewayRequest bearer(String token) {
        return request("/api").headers(HttpHeaders.builder().add("Authorization", "Bearer " + token).build()).build();
    }

    public static GatewayResponse run(GatewayRequest request, Interceptor... stages) {
        Pipeline.Builder pipeline = Pipeline.builder();
        for (Interceptor stage : stages) {
            pipeline.add(stage);
        }
        try {
            return pipeline.build().execute(request, TERMINAL).toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("pipeline failed", e);
        }
    }
}
