package dev.portcullis.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.portcullis.api.HttpHeaders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What an incoming request declares about its body, by protocol and framing headers. */
class IncomingRequestTest {
    private static long declaredLength(String protocol, long contentLength, boolean chunked) {
        return IncomingRequest.builder().method("POST").rawPath("/").peerAddress("192.0.2.1").protocol(protocol)
                .contentLength(contentLength)
                .headers(chunked ? HttpHeaders.builder().set("Transfer-Encoding", "chunked").build() : HttpHeaders.empty())
                .build().declaredLength();
    }

    @ParameterizedTest
    @ValueSource(strings = {"HTTP/1.1", "HTTP/1.0", "HTTP/2.0", "HTTP/3"})
    void aContentLengthIsTheDeclaredLengthOnEveryProtocol(String protocol) {
        assertEquals(42, declaredLength(protocol, 42, false));
        assertEquals(0, declaredLength(protocol, 0, false));
    }

    @ParameterizedTest
    @ValueSource(strings = {"HTTP/1.1", "HTTP/1.0"})
    void anHttp1RequestWithoutFramingHasNoBodyAndAChunkedOneAnUnknownLength(String protocol) {
        assertEquals(0, declaredLength(protocol, -1, false));
        assertEquals(-1, declaredLength(protocol, -1, true));
    }

    @ParameterizedTest
    @ValueSource(strings = {"HTTP/2.0", "HTTP/2", "HTTP/3"})
    void anHttp2Or3RequestWithoutContentLengthHasABodyOfUnknownLength(String protocol) {
        assertEquals(-1, declaredLength(protocol, -1, false));
    }

    @Test
    void anUnknownProtocolIsNotAssumedToHaveNoBody() {
        assertEquals(-1, declaredLength("SPDY/3", -1, false));
    }
}
