package dev.portcullis.api.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.api.AttributeKey;
import dev.portcullis.api.GatewayRequest;
import dev.portcullis.api.HttpHeaders;
import dev.portcullis.api.TestRequests;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RouteTest {

    private static Route.Builder route() {
        return Route.builder("r").upstream("http://127.0.0.1:9001");
    }

    private static boolean matches(Route route, GatewayRequest request) {
        return route.match(request).isPresent();
    }

    private static GatewayRequest withHost(String authority) {
        return TestRequests.builder("GET", "/").authority(authority).build();
    }

    @ParameterizedTest(name = "host {0} vs {1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            api.example.com   | api.example.com       | true
            api.example.com   | API.Example.COM:8443  | true
            api.example.com   | api.example.com.      | true
            api.example.com   | www.example.com       | false
            api.example.com   | api.example.com.evil  | false
            *.example.com     | a.example.com         | true
            *.example.com     | a.b.example.com:80    | true
            *.example.com     | example.com           | false
            *.example.com     | badexample.com        | false
            *.Example.com     | A.EXAMPLE.com         | true
            127.0.0.1         | 127.0.0.1:8080        | true
            """)
    void hostsMatchWithoutCasePortOrTrailingDot(String pattern, String authority, boolean expected) {
        assertEquals(expected, matches(route().host(pattern).build(), withHost(authority)));
    }

    @Test
    void anyOfSeveralHostsMatches() {
        Route route = route().host("a.test", "*.b.test").build();

        assertTrue(matches(route, withHost("a.test")));
        assertTrue(matches(route, withHost("x.b.test")));
        assertFalse(matches(route, withHost("c.test")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "http://a.test", "a.test:80", "*", "a.*.test", "a..test", "-a.test"})
    void malformedHostPatternsAreRefused(String pattern) {
        IllegalArgumentException failure = assertThrows(IllegalArgumentException.class, () -> route().host(pattern));

        assertTrue(failure.getMessage().startsWith("route r: host"), failure.getMessage());
    }

    @Test
    void methodsMatchCaseSensitivelyAsSent() {
        Route route = route().methods("GET", "POST").build();

        assertTrue(matches(route, TestRequests.builder("POST", "/").build()));
        assertFalse(matches(route, TestRequests.builder("post", "/").build()));
        assertFalse(matches(route, TestRequests.builder("DELETE", "/").build()));
        assertEquals("post", TestRequests.builder("post", "/").build().method());
    }

    @Test
    void anEmptyOrInvalidMethodListIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> route().methods());
        assertThrows(IllegalArgumentException.class, () -> route().methods("GE T"));
    }

    @Test
    void aHeaderPredicateNeedsOneValueToMatchEntirely() {
        Route route = route().header("X-Version", "v[23]").build();
        GatewayRequest two = TestRequests.builder("GET", "/")
                .headers(HttpHeaders.builder().add("x-version", "v1").add("X-Version", "v2").build()).build();
        GatewayRequest partial = TestRequests.builder("GET", "/")
                .headers(HttpHeaders.builder().add("X-Version", "v22").build()).build();

        assertTrue(matches(route, two));
        assertFalse(matches(route, partial));
        assertFalse(matches(route, TestRequests.get("/")));
    }

    @Test
    void aQueryPredicateMatchesDecodedValues() {
        Route route = route().query("tier", "gold plus").build();

        assertTrue(matches(route, TestRequests.builder("GET", "/").rawQuery("a=1&tier=gold%20plus").build()));
        assertTrue(matches(route, TestRequests.builder("GET", "/").rawQuery("tier=gold+plus").build()));
        assertFalse(matches(route, TestRequests.builder("GET", "/").rawQuery("tier=gold").build()));
        assertFalse(matches(route, TestRequests.builder("GET", "/").rawQuery("tier=%zz").build()));
        assertFalse(matches(route, TestRequests.get("/")));
    }

    @Test
    void aQueryParameterWithoutValueMatchesAnEmptyRegex() {
        Route route = route().query("debug", "").build();

        assertTrue(matches(route, TestRequests.builder("GET", "/").rawQuery("debug").build()));
    }

    @Test
    void invalidPredicateRegexesAreRefusedNamingTheSetting() {
        IllegalArgumentException header = assertThrows(IllegalArgumentException.class,
                () -> route().header("X-A", "("));
        IllegalArgumentException query = assertThrows(IllegalArgumentException.class, () -> route().query("q", "["));

        assertTrue(header.getMessage().startsWith("route r: header X-A regex is invalid"), header.getMessage());
        assertTrue(query.getMessage().startsWith("route r: query q regex is invalid"), query.getMessage());
    }

    @Test
    void everyPredicateMustHold() {
        Route route = route().path("/api/**").methods("GET").host("a.test").build();

        assertTrue(matches(route, TestRequests.builder("GET", "/api/x").authority("a.test").build()));
        assertFalse(matches(route, TestRequests.builder("GET", "/api/x").authority("b.test").build()));
        assertFalse(matches(route, TestRequests.builder("PUT", "/api/x").authority("a.test").build()));
        assertFalse(matches(route, TestRequests.builder("GET", "/web").authority("a.test").build()));
    }

    @Test
    void theMatchCarriesTheRouteAndThePathVariables() {
        Route route = route().path("/users/{id}/**").build();

        RouteMatch match = route.match(TestRequests.get("/users/a%20b/x")).orElseThrow();

        assertEquals(route, match.route());
        assertEquals(Map.of("id", "a%20b"), match.pathVariables());
    }

    @Test
    void timeoutsDefaultAndCanBeSet() {
        Route defaults = route().build();
        Route custom = route().connectTimeout(Duration.ofMillis(250)).responseTimeout(Duration.ofSeconds(2))
                .idleTimeout(Duration.ofMinutes(10)).build();

        assertEquals(Duration.ofSeconds(5), defaults.connectTimeout());
        assertEquals(Duration.ofSeconds(30), defaults.responseTimeout());
        assertEquals(Duration.ofSeconds(60), defaults.idleTimeout());
        assertEquals(Duration.ofMillis(250), custom.connectTimeout());
        assertEquals(Duration.ofSeconds(2), custom.responseTimeout());
        assertEquals(Duration.ofMinutes(10), custom.idleTimeout());
    }

    @ParameterizedTest
    @ValueSource(strings = {"PT0S", "PT-1S", "PT1H0.001S"})
    void timeoutsOutsideTheirRangeAreRefusedNamingTheSetting(String value) {
        Duration timeout = Duration.parse(value);

        IllegalArgumentException connect = assertThrows(IllegalArgumentException.class,
                () -> route().connectTimeout(timeout));
        IllegalArgumentException response = assertThrows(IllegalArgumentException.class,
                () -> route().responseTimeout(timeout));
        IllegalArgumentException idle = assertThrows(IllegalArgumentException.class,
                () -> route().idleTimeout(timeout));

        assertTrue(connect.getMessage().startsWith("route r: connectTimeout"), connect.getMessage());
        assertTrue(response.getMessage().startsWith("route r: responseTimeout"), response.getMessage());
        assertTrue(idle.getMessage().startsWith("route r: idleTimeout"), idle.getMessage());
    }

    @Test
    void aRouteNeedsAnUpstreamAndEachOnlyOnce() {
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                () -> Route.builder("lonely").build());
        IllegalArgumentException twice = assertThrows(IllegalArgumentException.class,
                () -> route().upstream("http://127.0.0.1:9001").build());

        assertTrue(none.getMessage().startsWith("route lonely: upstream"), none.getMessage());
        assertTrue(twice.getMessage().contains("listed twice"), twice.getMessage());
    }

    @Test
    void theRouteChoosesWithTheLoadBalancerItWasBuiltWith() {
        Route route = route().upstream("http://127.0.0.1:9002", 5).loadBalancer(LoadBalancers.roundRobin()).build();
        GatewayRequest request = TestRequests.get("/");

        assertEquals(9001, route.upstreams().choose(request).uri().getPort());
        assertEquals(9002, route.upstreams().choose(request).uri().getPort());
        assertEquals(9001, route.upstreams().choose(request).uri().getPort());
    }

    @Test
    void aLoadBalancerFactoryThatRefusesTheInstancesIsReportedNamingTheRoute() {
        LoadBalancer.Factory unweightedOnly = instances -> {
            throw new IllegalArgumentException("weights are not supported");
        };

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> route().loadBalancer(unweightedOnly).build());
        assertEquals("route r: loadBalancer: weights are not supported", e.getMessage());
    }

    @Test
    void aBlankIdIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Route.builder(" "));
    }

    @Test
    void metadataTravelsWithTheRoute() {
        AttributeKey<String> policy = AttributeKey.of("policy", String.class);

        assertEquals("gold", route().metadata(policy, "gold").build().metadata().get(policy).orElseThrow());
        assertTrue(route().preserveHost(true).build().preserveHost());
        assertEquals("/**", route().build().pathPattern());
    }
}
