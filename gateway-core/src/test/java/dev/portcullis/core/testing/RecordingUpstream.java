package dev.portcullis.core.testing;

import dev.portcullis.api.Body;
import dev.portcullis.api.GatewayRequest;
import dev.portcullis.api.GatewayResponse;
import dev.portcullis.api.Handler;
import dev.portcullis.api.validation.BodyLimits;
import java.util.concurrent.CompletionStage;
import java.util.function.UnaryOperator;

/**
 * A terminal handler standing in for the upstream: reads the whole request body like the proxy would, records what
 * it received, and answers 200 (optionally changed by a response customizer). A body error fails the exchange with
 * that error, as the filter would see it.
 */
public final class RecordingUpstream implements Handler {
    private final UnaryOperator<GatewayResponse.Builder> response;
    private volatile GatewayRequest received;
    private volatile byte[] receivedBody;

    public RecordingUpstream() {
        this(UnaryOperator.identity());
    }

    public RecordingUpstream(UnaryOperator<GatewayResponse.Builder> response) {
        this.response = response;
    }

    @Override
    public CompletionStage<GatewayResponse> handle(GatewayRequest request) {
        received = request;
        return BodyLimits.collect(request.body(), Long.MAX_VALUE).thenApply(bytes -> {
            receivedBody = bytes;
            return response.apply(GatewayResponse.builder(200).body(Body.of("upstream"))).build();
        });
    }

    /** @return the request the upstream saw, or null if none reached it */
    public GatewayRequest received() {
        return received;
    }

    /** @return the body bytes the upstream read to the end, or null if it never finished reading */
    public byte[] receivedBody() {
        return receivedBody;
    }
}
