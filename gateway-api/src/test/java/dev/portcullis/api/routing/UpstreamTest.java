package dev.portcullis.api.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class UpstreamTest {

    @ParameterizedTest
    @ValueSource(strings = {"ftp://a.test", "a.test:80", "http:///x", "http://a.test/?q=1", "http://a.test/#f",
            "http://user@a.test", "http://a test"})
    void malformedUpstreamsAreRefusedNamingTheUri(String uri) {
        IllegalArgumentException failure = assertThrows(IllegalArgumentException.class, () -> Upstream.of(uri));

        assertTrue(failure.getMessage().startsWith("upstream "), failure.getMessage());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, Upstream.MAX_WEIGHT + 1})
    void weightsOutsideTheirRangeAreRefused(int weight) {
        IllegalArgumentException failure = assertThrows(IllegalArgumentException.class,
                () -> Upstream.of("http://a.test", weight));

        assertTrue(failure.getMessage().contains("weight"), failure.getMessage());
    }

    @ParameterizedTest(name = "{0} -> {1} {2}")
    @CsvSource(delimiter = '|', textBlock = """
            http://a.test           | a.test:80        | ''
            https://a.test          | a.test:443       | ''
            http://a.test:8080/     | a.test:8080      | ''
            http://a.test/v2/       | a.test:80        | /v2
            http://[::1]:9000/base  | [::1]:9000       | /base
            """)
    void authorityAndBasePathAreDerivedFromTheUri(String uri, String authority, String basePath) {
        Upstream upstream = Upstream.of(uri);

        assertEquals(authority, upstream.authority());
        assertEquals(basePath, upstream.basePath());
    }

    @Test
    void theDefaultWeightIsOne() {
        assertEquals(1, Upstream.of("http://a.test").weight());
    }
}
