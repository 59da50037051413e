package dev.portcullis.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.api.GatewayRequest;
import dev.portcullis.api.ratelimit.RateLimitQuota;
import dev.portcullis.api.routing.Route;
import dev.portcullis.api.routing.Upstream;
import dev.portcullis.ratelimit.Limit;
import dev.portcullis.ratelimit.RateLimitPolicy;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
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
        assertEquals(Optional.empty(), options.rateLimit());
        assertEquals(Optional.empty(), options.redis());
        assertEquals(Duration.ofSeconds(10), options.drainTimeout());
        assertEquals(UpstreamTlsOptions.NONE, options.upstreamTls());
        assertEquals(Optional.empty(), options.adminPort(), "no admin view and no metrics unless asked for");
    }

    @Test
    void upstreamTlsOptionsKeepTheFilesAndTheNamesOfThePasswordVariables() throws Exception {
        UpstreamTlsOptions tls = LauncherOptions.parse("--route", "/=https://a:1",
                "--upstream-trust-store", "/etc/ca.p12", "--upstream-trust-store-password-env", "CA_PASSWORD",
                "--upstream-client-cert", "/etc/gateway.p12", "--upstream-client-cert-password-env", "GW_PASSWORD")
                .upstreamTls();
        assertEquals(new UpstreamTlsOptions(Optional.of(Path.of("/etc/ca.p12")), Optional.of("CA_PASSWORD"),
                Optional.of(Path.of("/etc/gateway.p12")), Optional.of("GW_PASSWORD"), Optional.empty()), tls);
        assertEquals(Optional.of(Path.of("/etc/gateway.key")), LauncherOptions.parse("--route", "/=https://a:1",
                "--upstream-client-cert", "/etc/gateway.pem", "--upstream-client-key", "/etc/gateway.key")
                .upstreamTls().clientKey());
    }

    @Test
    void aPasswordVariableOrPemKeyWithoutItsFileIsAnErrorNamingTheOption() {
        assertEquals("--upstream-trust-store-password-env: needs --upstream-trust-store",
                failure("--route", "/=https://a:1", "--upstream-trust-store-password-env", "CA_PASSWORD"));
        assertEquals("--upstream-client-cert-password-env: needs --upstream-client-cert",
                failure("--route", "/=https://a:1", "--upstream-client-cert-password-env", "GW_PASSWORD"));
        assertEquals("--upstream-client-key: needs --upstream-client-cert",
                failure("--route", "/=https://a:1", "--upstream-client-key", "/etc/gateway.key"));
        assertTrue(failure("--route", "/=https://a:1", "--upstream-client-cert", "/etc/gateway.pem",
                "--upstream-client-key", "/etc/gateway.key", "--upstream-client-cert-password-env", "GW_PASSWORD")
                .startsWith("--upstream-client-cert-password-env: a PEM key is read unencrypted"));
    }

    @Test
    void somethingThatIsNoVariableNameIsRefusedWithoutEchoingIt() {
        String message = failure("--route", "/=https://a:1", "--upstream-trust-store", "/etc/ca.p12",
                "--upstream-trust-store-password-env", "hunter2!");
        assertTrue(message.startsWith("--upstream-trust-store-password-env: expected the name of an environment"),
                message);
        assertFalse(message.contains("hunter2!"), message);
    }

    @Test
    void anUpstreamTlsOptionGivenTwiceIsAnError() {
        assertEquals("--upstream-trust-store: given twice", failure("--route", "/=https://a:1",
                "--upstream-trust-store", "/a.pem", "--upstream-trust-store", "/b.pem"));
    }

    @Test
    void anAdminPortIsReadOnceAndCheckedLikeThePort() throws Exception {
        assertEquals(Optional.of(9901), LauncherOptions.parse("--admin-port", "9901", "--route", "/=http://a:1")
                .adminPort());
        assertEquals("--admin-port: must be a number from 0 to 65535, was 'x'",
                failure("--admin-port", "x", "--route", "/=http://a:1"));
        assertEquals("--admin-port: given twice",
                failure("--admin-port", "1", "--admin-port", "2", "--route", "/=http://a:1"));
    }

    @Test
    void theDrainTimeoutIsReadInMillisecondsOrSeconds() throws Exception {
        assertEquals(Duration.ofMillis(500),
                LauncherOptions.parse("--route", "/=http://a:1", "--drain-timeout", "500ms").drainTimeout());
        assertEquals(Duration.ofSeconds(30),
                LauncherOptions.parse("--route", "/=http://a:1", "--drain-timeout", "30s").drainTimeout());
        assertEquals(Duration.ZERO,
                LauncherOptions.parse("--route", "/=http://a:1", "--drain-timeout", "0s").drainTimeout());
    }

    @Test
    void aMalformedOrTooLongDrainTimeoutIsAnErrorNamingDrainTimeout() {
        for (String bad : List.of("10", "-1s", "1m", "301s", "ten seconds", "")) {
            assertTrue(failure("--route", "/=http://a:1", "--drain-timeout", bad).startsWith("--drain-timeout: "), bad);
        }
    }

    @Test
    void aRateLimitIsOneIntervalLimitPerClientIpInThePolicyNamedLauncher() throws Exception {
        RateLimitPolicy policy = LauncherOptions.parse("--route", "/=http://a:1", "--rate-limit", "100/1m")
                .rateLimit().orElseThrow();
        assertEquals("launcher", policy.name());
        Limit limit = new Limit(new RateLimitQuota("per-ip", 100, Duration.ofMinutes(1)), Limit.Refill.INTERVAL);
        assertEquals(List.of(limit), policy.limits());
    }

    @Test
    void rateLimitWindowsAreSecondsMinutesHoursOrDays() throws Exception {
        assertEquals(Duration.ofSeconds(1), window("1000000/1s"));
        assertEquals(Duration.ofSeconds(30), window("5/30s"));
        assertEquals(Duration.ofHours(2), window("5/2h"));
        assertEquals(Duration.ofDays(1), window("5/1d"));
    }

    private static Duration window(String rateLimit) throws UsageException {
        return LauncherOptions.parse("--route", "/=http://a:1", "--rate-limit", rateLimit)
                .rateLimit().orElseThrow().quotas().get(0).window();
    }

    @Test
    void aMalformedRateLimitIsAnErrorNamingRateLimit() {
        for (String bad : List.of("100", "100/", "/1s", "100/1w", "100/m", "-1/1s", "1.5/1s", "100 / 1s",
                "1234567890123456789/1s")) {
            assertTrue(failure("--route", "/=http://a:1", "--rate-limit", bad)
                    .startsWith("--rate-limit: expected N/WINDOW such as 100/1m"), bad);
        }
        assertEquals("--rate-limit: N and WINDOW must be at least 1, was '0/1s'",
                failure("--route", "/=http://a:1", "--rate-limit", "0/1s"));
        assertTrue(failure("--route", "/=http://a:1", "--rate-limit", "5/0m").startsWith("--rate-limit: N and WINDOW"));
        assertEquals("--rate-limit: given twice",
                failure("--route", "/=http://a:1", "--rate-limit", "5/1s", "--rate-limit", "6/1s"));
    }

    @Test
    void redisKeepsItsUriAndNeedsARateLimit() throws Exception {
        LauncherOptions options = LauncherOptions.parse("--route", "/=http://a:1", "--rate-limit", "5/1s",
                "--redis", "redis://127.0.0.1:6379");
        assertEquals(Optional.of("redis://127.0.0.1:6379"), options.redis());
        assertEquals("--redis: needs --rate-limit: Redis holds only the rate-limit buckets",
                failure("--route", "/=http://a:1", "--redis", "redis://127.0.0.1:6379"));
    }

    @Test
    void aMalformedRedisUriIsAnErrorNamingRedis() {
        for (String bad : List.of("http://127.0.0.1:6379", "127.0.0.1:6379", "redis://", "redis://h:port",
                "redis://h:99999")) {
            assertTrue(failure("--route", "/=http://a:1", "--rate-limit", "5/1s", "--redis", bad)
                    .startsWith("--redis: "), bad);
        }
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
        GatewayRequest request = GatewayRequest.builder().id("r").method("GET").authority("gw").rawPath("/api")
                .clientAddress(InetAddress.getLoopbackAddress()).build();
        assertEquals("a", route.upstreams().choose(request).uri().getHost());
        assertEquals("b", route.upstreams().choose(request).uri().getHost());
        assertEquals("a", route.upstreams().choose(request).uri().getHost());
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

    /** @return the usage error's message, or "parsed" */
    private static String parseOutcome(String... args) {
        try {
            LauncherOptions.parse(args);
            return "parsed";
        } catch (UsageException e) {
            return e.getMessage();
        }
    }

    @Test
    void helpListsEveryOptionTheParserKnowsEachWithItsDefault() {
        java.util.regex.Matcher block = java.util.regex.Pattern
                .compile("(?m)^  (--[a-z-]+)(.*(?:\\R {20,}.*)*)").matcher(LauncherOptions.USAGE);
        List<String> listed = new java.util.ArrayList<>();
        while (block.find()) {
            String option = block.group(1);
            listed.add(option);
            if (!option.equals("--help") && !option.equals("--validate")) {
                assertTrue(block.group(2).contains("default: "), option + " names no default: " + block.group(2));
            }
            if (!option.equals("--help")) {
                assertFalse(parseOutcome(option, "x").contains("unknown option"), option + " is listed but not parsed");
            }
        }
        assertEquals(List.of("--config", "--validate", "--route", "--port", "--host", "--client", "--trusted-proxy",
                "--rate-limit", "--redis", "--drain-timeout", "--admin-port", UpstreamTlsOptions.TRUST_STORE,
                UpstreamTlsOptions.TRUST_STORE_PASSWORD_ENV, UpstreamTlsOptions.CLIENT_CERT,
                UpstreamTlsOptions.CLIENT_CERT_PASSWORD_ENV, UpstreamTlsOptions.CLIENT_KEY, "--help"), listed);
    }

    @Test
    void aMissingRouteIsAnErrorNamingRouteAndTheConfigFileAlternative() {
        assertTrue(failure("--port", "8080").startsWith("--route:"));
        assertTrue(failure("--port", "8080").endsWith("or --config gateway.yaml"), failure("--port", "8080"));
    }

    @Test
    void aConfigFileReplacesTheRoutesAndKeepsThePortHostClientAndDrainTimeout() throws Exception {
        LauncherOptions options = LauncherOptions.parse("--config", "gateway.yaml", "--port", "0", "--client", "jdk",
                "--drain-timeout", "2s");
        assertEquals(Optional.of(Path.of("gateway.yaml")), options.config());
        assertEquals(List.of(), options.routes());
        assertEquals(0, options.port());
        assertEquals(ClientKind.JDK, options.client());
        assertEquals(Duration.ofSeconds(2), options.drainTimeout());
    }

    @Test
    void optionsTheConfigFileDescribesCannotBeCombinedWithIt() {
        assertEquals("--route: cannot be combined with --config: put the routes in the file",
                failure("--config", "gateway.yaml", "--route", "/=http://a:1"));
        assertEquals("--rate-limit: cannot be combined with --config: put rateLimiting in the file",
                failure("--config", "gateway.yaml", "--rate-limit", "5/1s"));
        assertEquals("--trusted-proxy: cannot be combined with --config: put gateway.trustedProxies in the file",
                failure("--config", "gateway.yaml", "--trusted-proxy", "10.0.0.0/8"));
    }

    @Test
    void validateTakesOnlyTheFile() throws Exception {
        assertEquals(Optional.of(Path.of("gateway.yaml")), LauncherOptions.parse("--validate", "gateway.yaml")
                .validate());
        assertEquals("--validate: takes no other option: it only checks the file",
                failure("--validate", "gateway.yaml", "--port", "0"));
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
