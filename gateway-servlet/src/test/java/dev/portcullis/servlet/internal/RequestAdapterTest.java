package dev.portcullis.servlet.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RequestAdapterTest {
    @ParameterizedTest
    @ValueSource(strings = {"HTTP/1.1", "HTTP/1.0", "HTTP/2.0", "HTTP/3"})
    void aContentLengthIsTheDeclaredLengthOnEveryProtocol(String protocol) {
        assertEquals(42, RequestAdapter.declaredLength(protocol, 42, false));
        assertEquals(0, RequestAdapter.declaredLength(protocol, 0, false));
    }

    @ParameterizedTest
    @ValueSource(strings = {"HTTP/1.1", "HTTP/1.0"})
    void anHttp1RequestWithoutFramingHasNoBodyAndAChunkedOneAnUnknownLength(String protocol) {
        assertEquals(0, RequestAdapter.declaredLength(protocol, -1, false));
        assertEquals(-1, RequestAdapter.declaredLength(protocol, -1, true));
    }

    @ParameterizedTest
    @ValueSource(strings = {"HTTP/2.0", "HTTP/2", "HTTP/3"})
    void anHttp2Or3RequestWithoutContentLengthHasABodyOfUnknownLength(String protocol) {
        assertEquals(-1, RequestAdapter.declaredLength(protocol, -1, false));
    }

    @Test
    void anUnknownProtocolIsNotAssumedToHaveNoBody() {
        assertEquals(-1, RequestAdapter.declaredLength("SPDY/3", -1, false));
    }
}
