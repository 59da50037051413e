package dev.portcullis.ratelimit.it;

import static dev.portcullis.ratelimit.it.Limits.get;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.portcullis.api.Pipeline;
import dev.portcullis.api.ProblemTypes;
import dev.portcullis.api.ratelimit.RateLimiting;
import dev.portcullis.ratelimit.Limit;
import dev.portcullis.ratelimit.LocalBucketStore;
import dev.portcullis.ratelimit.PolicyRateLimiter;
import dev.portcullis.ratelimit.RateLimitPolicy;
import dev.portcullis.servlet.GatewayFilter;
import dev.portcullis.servlet.it.AppServlet;
import dev.portcullis.servlet.it.RunningServer;
import dev.portcullis.servlet.it.ServletContainer;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The default key, the client IP, is the address the filter resolved through its trusted proxies: a client cannot
 * pick its own bucket with {@code X-Forwarded-For}, while clients behind a trusted proxy are told apart.
 */
class ClientIpKeyTest {
    private static final String XFF = "X-Forwarded-For";

    private static GatewayFilter.Builder twoPerHourPerIp() {
        RateLimitPolicy perIp = RateLimitPolicy.builder("per-ip")
                .limit(Limit.interval("per-ip", 2, Duration.ofHours(1))).build();
        return GatewayFilter.builder().pipeline(Pipeline.builder().add(RateLimiting.interceptor(
                PolicyRateLimiter.builder(LocalBucketStore.builder().build()).defaultPolicy(perIp).build())).build());
    }

    @ParameterizedTest
    @MethodSource(Limits.CONTAINERS)
    void fromAnUntrustedPeerASpoofedForwardedForDoesNotMintAFreshBucket(ServletContainer container)
            throws Exception {
        try (RunningServer server = container.start(twoPerHourPerIp().build(), new AppServlet())) {
            assertEquals(Optional.of("\"per-ip\";r=1;t=3600"),
                    get(server, "/a", XFF, "203.0.113.1").headers().firstValue("RateLimit"));
            assertEquals(Optional.of("\"per-ip\";r=0;t=3600"),
                    get(server, "/a", XFF, "203.0.113.2").headers().firstValue("RateLimit"));

            Limits.assertProblem(get(server, "/a", XFF, "203.0.113.3"), 429, ProblemTypes.RATE_LIMITED);
            Limits.assertProblem(get(server, "/a", "Forwarded", "for=198.51.100.4"), 429, ProblemTypes.RATE_LIMITED);
        }
    }

    @ParameterizedTest
    @MethodSource(Limits.CONTAINERS)
    void fromATrustedProxyEachForwardedClientGetsItsOwnBucket(ServletContainer container) throws Exception {
        try (RunningServer server = container.start(twoPerHourPerIp().trustedProxies("127.0.0.1/32").build(),
                new AppServlet())) {
            assertEquals(200, get(server, "/a", XFF, "203.0.113.1").statusCode());
            assertEquals(200, get(server, "/a", XFF, "203.0.113.1").statusCode());

            var spoofedBehindTheProxy = get(server, "/a", XFF, "198.51.100.9, 203.0.113.1");
            var anotherClient = get(server, "/a", XFF, "203.0.113.2");

            Limits.assertProblem(spoofedBehindTheProxy, 429, ProblemTypes.RATE_LIMITED);
            assertEquals(200, anotherClient.statusCode());
            assertEquals(Optional.of("\"per-ip\";r=1;t=3600"), anotherClient.headers().firstValue("RateLimit"));
        }
    }
}
