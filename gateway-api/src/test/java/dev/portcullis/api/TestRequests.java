package dev.portcullis.api;

import java.net.InetAddress;
import java.util.concurrent.CompletionException;

/** Builds requests for tests, and unwraps failed stages. */
public final class TestRequests {
    private TestRequests() {
    }

    /** @param rawPath a raw path @return a GET request for it to {@code gateway.test} */
    public static GatewayRequest get(String rawPath) {
        return builder("GET", rawPath).build();
    }

    /** @param method the method @param rawPath a raw path @return a builder with every required value filled in */
    public static GatewayRequest.Builder builder(String method, String rawPath) {
        return GatewayRequest.builder()
                .id("req-1")
                .method(method)
                .authority("gateway.test")
                .rawPath(rawPath)
                .clientAddress(InetAddress.getLoopbackAddress());
    }

    /** @param failure a stage's failure, possibly wrapped @return the cause the stage failed with */
    public static Throwable unwrap(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }
}
