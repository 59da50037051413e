package dev.portcullis.core.client;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Optional;

/**
 * A request without a body publisher at all, which is how the JDK client (from Java 19, JDK-8283544) learns to send
 * no {@code Content-Length: 0} on a {@code GET}, {@code HEAD}, {@code DELETE} or {@code OPTIONS} that had no body.
 * The builder's {@code GET()} and {@code DELETE()} do the same for two methods only; this covers every method.
 * Java 17 and 18 send {@code Content-Length: 0} whatever the request says.
 */
final class BodylessRequest extends HttpRequest {
    private final HttpRequest built;

    /** @param built the request as built, with a {@code noBody()} publisher that is dropped */
    BodylessRequest(HttpRequest built) {
        this.built = built;
    }

    @Override
    public Optional<BodyPublisher> bodyPublisher() {
        return Optional.empty();
    }

    @Override
    public String method() {
        return built.method();
    }

    @Override
    public Optional<Duration> timeout() {
        return built.timeout();
    }

    @Override
    public boolean expectContinue() {
        return built.expectContinue();
    }

    @Override
    public URI uri() {
        return built.uri();
    }

    @Override
    public Optional<HttpClient.Version> version() {
        return built.version();
    }

    @Override
    public HttpHeaders headers() {
        return built.headers();
    }
}
