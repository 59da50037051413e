package dev.portcullis.ratelimit.it;

import static dev.portcullis.ratelimit.it.Limits.get;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.portcullis.api.Interceptor;
import dev.portcullis.api.Pipeline;
import dev.portcullis.api.ProblemTypes;
import dev.portcullis.api.auth.GatewayPrincipal;
import dev.portcullis.api.ratelimit.RateLimiting;
import dev.portcullis.ratelimit.KeyResolvers;
import dev.portcullis.ratelimit.Limit;
import dev.portcullis.ratelimit.LocalBucketStore;
import dev.portcullis.ratelimit.PolicyRateLimiter;
import dev.portcullis.ratelimit.RateLimitPolicy;
import dev.portcullis.servlet.GatewayFilter;
import dev.portcullis.servlet.it.AppServlet;
import dev.portcullis.servlet.it.RunningServer;
import dev.portcullis.servlet.it.ServletContainer;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Stages run in the order added: where the limiter sits decides what a rejected request costs. */
class LimiterOrderTest {

    /** A trivial authenticator: the principal is the {@code X-User} header (default "alice"); counts its calls. */
    private static Interceptor authentication(AtomicInteger calls) {
        return chain -> {
            calls.incrementAndGet();
            String user = chain.request().headers().first("X-User").orElse("alice");
            return chain.proceed(chain.request().withAttribute(GatewayPrincipal.ATTRIBUTE,
                    GatewayPrincipal.builder(user, "test").build()));
        };
    }

    private static Interceptor limiter(RateLimitPolicy policy) {
        return RateLimiting.interceptor(
                PolicyRateLimiter.builder(LocalBucketStore.builder().build()).defaultPolicy(policy).build());
    }

    private static GatewayFilter filter(Interceptor... stages) {
        return GatewayFilter.builder().pipeline(Pipeline.builder().addAll(List.of(stages)).build()).build();
    }

    @ParameterizedTest
    @MethodSource(Limits.CONTAINERS)
    void aLimiterBeforeAuthenticationTurnsLimitedRequestsAwayBeforeTheyReachIt(ServletContainer container)
            throws Exception {
        AtomicInteger authCalls = new AtomicInteger();
        RateLimitPolicy perIp = RateLimitPolicy.builder("per-ip")
                .limit(Limit.interval("per-ip", 2, Duration.ofHours(1))).build();
        try (RunningServer server = container.start(filter(limiter(perIp), authentication(authCalls)),
                new AppServlet())) {
            List<HttpResponse<String>> responses = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                responses.add(get(server, "/me"));
            }

            assertEquals("app GET /me\nuser=alice\n", responses.get(0).body());
            assertEquals("app GET /me\nuser=alice\n", responses.get(1).body());
            for (HttpResponse<String> limited : responses.subList(2, 5)) {
                Limits.assertProblem(limited, 429, ProblemTypes.RATE_LIMITED);
            }
            assertEquals(2, authCalls.get());
        }
    }

    @ParameterizedTest
    @MethodSource(Limits.CONTAINERS)
    void aLimiterAfterAuthenticationKeyedBySubjectCountsEachUserApart(ServletContainer container) throws Exception {
        AtomicInteger authCalls = new AtomicInteger();
        RateLimitPolicy perUser = RateLimitPolicy.builder("per-user")
                .limit(Limit.interval("per-user", 2, Duration.ofHours(1))).key(KeyResolvers.subject()).build();
        try (RunningServer server = container.start(filter(authentication(authCalls), limiter(perUser)),
                new AppServlet())) {
            assertEquals(200, get(server, "/me", "X-User", "alice").statusCode());
            assertEquals(200, get(server, "/me", "X-User", "alice").statusCode());

            HttpResponse<String> aliceAgain = get(server, "/me", "X-User", "alice");
            HttpResponse<String> bob = get(server, "/me", "X-User", "bob");

            Limits.assertProblem(aliceAgain, 429, ProblemTypes.RATE_LIMITED);
            assertEquals("app GET /me\nuser=bob\n", bob.body());
            assertEquals(4, authCalls.get());
        }
    }
}
