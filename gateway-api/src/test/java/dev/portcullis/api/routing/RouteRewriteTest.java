package dev.portcullis.api.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.api.TestRequests;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RouteRewriteTest {

    private static Route.Builder route() {
        return Route.builder("r").upstream("http://127.0.0.1:9001");
    }

    private static String forward(Route route, String rawPath) {
        return route.match(TestRequests.get(rawPath)).orElseThrow().upstreamRawPath();
    }

    @ParameterizedTest(name = "strip {0} of {1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            0 | /api/users/7  | /api/users/7
            1 | /api/users/7  | /users/7
            2 | /api/users/7  | /7
            3 | /api/users/7  | /
            9 | /api/users/7  | /
            1 | /api          | /
            1 | /api/         | /
            1 | /api/a%2Fb    | /a%2Fb
            1 | /             | /
            """)
    void stripPrefixDropsWholeSegmentsAndNeverLessThanSlash(int segments, String path, String expected) {
        assertEquals(expected, forward(route().stripPrefix(segments).build(), path));
    }

    @ParameterizedTest(name = "add {0} to {1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            /v2       | /users   | /v2/users
            /v2/      | /users   | /v2/users
            /v2       | /        | /v2/
            /a/b      | /c%20d   | /a/b/c%20d
            ''        | /users   | /users
            /         | /users   | /users
            """)
    void addPrefixPutsAPathInFront(String prefix, String path, String expected) {
        assertEquals(expected, forward(route().addPrefix(prefix).build(), path));
    }

    @Test
    void stripRewriteAndAddApplyInThatOrder() {
        Route route = route().stripPrefix(1).rewrite("^/old/(?<rest>.*)$", "/new/${rest}").addPrefix("/svc").build();

        assertEquals("/svc/new/x/y", forward(route, "/api/old/x/y"));
        assertEquals("/svc/other", forward(route, "/api/other"));
    }

    @Test
    void aRegexRewriteKeepsTheRawEncoding() {
        Route route = route().rewrite("^/files/(.*)$", "/blobs/$1").build();

        assertEquals("/blobs/a%2Fb%25", forward(route, "/files/a%2Fb%25"));
    }

    @Test
    void aClientPathThatWouldForwardADotSegmentIsStillReportedRaw() {
        Route route = route().path("/api/**").rewrite("^/api/(.*)$", "/$1").build();

        String forwarded = forward(route, "/api//etc");

        assertEquals("//etc", forwarded);
        assertTrue(!ForwardPaths.isForwardable(forwarded), "the routing interceptor refuses it");
    }

    @ParameterizedTest(name = "rewrite {0} -> {1} is refused")
    @CsvSource(delimiter = '|', textBlock = """
            /a/(.*)          | /b/$1       | must start with '^'
            ^/a/(.*)         | b/$1        | must start with '/'
            ^/a/(.*)         | /b?x=$1     | no '?' or '#'
            ^/a/(.*)         | /b/$2       | refers to a group
            ^/a/(?<x>.*)     | /b/${y}     | refers to a group
            ^/a/(.*)         | /b/$x       | refers to a group
            ^/a/(.*          | /b          | rewrite regex is invalid
            """)
    void unsafeOrBrokenRewritesFailAtBuildNamingTheSetting(String regex, String replacement, String why) {
        IllegalArgumentException failure = assertThrows(IllegalArgumentException.class,
                () -> route().rewrite(regex, replacement).build());

        assertTrue(failure.getMessage().startsWith("route r: rewrite"), failure.getMessage());
        assertTrue(failure.getMessage().contains(why), failure.getMessage());
    }

    @ParameterizedTest(name = "addPrefix {0} is refused")
    @CsvSource({"v2", "/a//b", "/a/../b", "/a?x", "//"})
    void unsafePrefixesFailAtBuild(String prefix) {
        IllegalArgumentException failure = assertThrows(IllegalArgumentException.class,
                () -> route().addPrefix(prefix).build());

        assertTrue(failure.getMessage().startsWith("route r: addPrefix"), failure.getMessage());
    }

    @Test
    void aNegativeStripIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> route().stripPrefix(-1));
    }

    @Test
    void escapedDollarsInTheReplacementAreLiteral() {
        Route route = route().rewrite("^/a$", "/b\\$c").build();

        assertEquals("/b$c", forward(route, "/a"));
    }
}
