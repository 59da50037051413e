package dev.portcullis.examples.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.api.routing.Route;
import dev.portcullis.api.routing.Upstream;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

class LauncherOptionsTest {

    private static String failure(String... args) {
        return assertThrows(UsageException.class, () -> LauncherOptions.parse(args)).getMessage();
    }

    @Test
    void defaultsBindLoopbackOnPort8080WithTheJettyClient() throws Exception {
        LauncherOptions options = LauncherOptions.parse("--route", "/api=http://127.0.0.1:9001");
        assertEquals("127.0.0.1", options.host());
        assertEquals(8080, options.port());
        assertEquals(ClientKind.JETTY, options.client());
        assertEquals(List.of(), options.trustedProxies());
    }

    @Test
    void aRoutePrefixTakesThePrefixAndEverythingBelowIt() throws Exception {
        Route route = LauncherOptions.parse("--route", "/api=http://127.0.0.1:9001").routes().get(0);
        assertEquals("/api/**", route.pathPattern());
        assertEquals(List.of(URI.create("http://127.0.0.1:9001")),
                route.upstreams().instances().stream().map(Upstream::uri).toList());
    }

    @Test
    void aRouteWithSeveralUrlsUsesThemRoundRobin() throws Exception {
        Route route = LauncherOptions.parse("--route", "/api=http://a:1,http://b:2").routes().get(0);
        assertEquals("a", route.upstreams().next().uri().getHost());
        assertEquals("b", route.upstreams().next().uri().getHost());
        assertEquals("a", route.upstreams().next().uri().getHost());
    }

    @Test
    void theRootPrefixTakesEveryPath() throws Exception {
        assertEquals("/**", LauncherOptions.parse("--route", "/=http://a:1").routes().get(0).pathPattern());
    }

    @Test
    void repeatedOptionsAccumulateInOrder() throws Exception {
        LauncherOptions options = LauncherOptions.parse("--route", "/a=http://a:1", "--route", "/b=http://b:1",
                "--trusted-proxy", "10.0.0.0/8", "--trusted-proxy", "::1/128", "--client", "JDK",
                "--port", "0", "--host", "0.0.0.0");
        assertEquals(List.of("/a/**", "/b/**"), options.routes().stream().map(Route::pathPattern).toList());
        assertEquals(List.of("10.0.0.0/8", "::1/128"), options.trustedProxies());
        assertEquals(ClientKind.JDK, options.client());
        assertEquals(0, options.port());
        assertEquals("0.0.0.0", options.host());
    }

    @Test
    void helpIsRecognisedWithoutRoutes() throws Exception {
        assertTrue(LauncherOptions.parse("--help").help());
    }

    @Test
    void aMissingRouteIsAnErrorNamingRoute() {
        assertTrue(failure("--port", "8080").startsWith("--route:"));
    }

    @Test
    void aPortThatIsNoNumberOrOutOfRangeIsAnErrorNamingPort() {
        assertEquals("--port: must be a number from 0 to 65535, was 'eighty'",
                failure("--port", "eighty", "--route", "/=http://a:1"));
        assertTrue(failure("--port", "70000", "--route", "/=http://a:1").startsWith("--port:"));
    }

    @Test
    void anUnknownClientIsAnErrorNamingClient() {
        assertEquals("--client: must be jdk or jetty, was 'okhttp'", failure("--client", "okhttp"));
    }

    @Test
    void anOptionWithoutItsValueIsAnErrorNamingTheOption() {
        assertEquals("--route: needs a value", failure("--route"));
    }

    @Test
    void anUnknownOptionIsAnErrorNamingIt() {
        assertTrue(failure("--verbose", "yes").startsWith("--verbose: unknown option"));
    }

    @Test
    void malformedRoutesAreErrorsNamingRoute() {
        assertTrue(failure("--route", "/api").startsWith("--route: expected PREFIX=URL"));
        assertTrue(failure("--route", "api=http://a:1").startsWith("--route: prefix must start with /"));
        assertTrue(failure("--route", "/api=ftp://a:1").startsWith("--route: upstream ftp://a:1"));
        assertTrue(failure("--route", "/api=http://a:1,").startsWith("--route: empty upstream URL"));
        assertTrue(failure("--route", "/a=http://a:1", "--route", "/a/=http://b:1")
                .startsWith("--route: prefix given twice"));
    }
}
