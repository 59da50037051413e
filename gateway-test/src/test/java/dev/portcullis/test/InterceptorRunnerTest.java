package dev.portcullis.test;

import static dev.portcullis.test.ProblemAssert.assertThatProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.api.AttributeKey;
import dev.portcullis.api.Body;
import dev.portcullis.api.GatewayResponse;
import dev.portcullis.api.Interceptor;
import dev.portcullis.api.Problem;
import dev.portcullis.api.ProblemTypes;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Interceptors run without a container: what reaches the terminal, who answered, and contract breaches. */
class InterceptorRunnerTest {
    private static final AttributeKey<String> USER = AttributeKey.of("user", String.class);

    private static final Interceptor STAMP = Interceptor.named("Stamp", chain -> chain.proceed(
            chain.request().toBuilder().headers(chain.request().headers().toBuilder().set("X-Stamp", "1").build())
                    .build().withAttribute(USER, "alice")));

    private static final Interceptor REFUSE = Interceptor.named("Refuse", chain -> CompletableFuture.completedFuture(
            GatewayResponse.problem(Problem.builder(ProblemTypes.FORBIDDEN, 403, "Forbidden")
                    .detail("Not you.").build()).toBuilder().header("WWW-Authenticate", "Bearer").build()));

    @Test
    void theTerminalReceivesTheRequestAsTheStagesChangedItAndItsAnswerComesBack() {
        RunResult result = InterceptorRunner.of(STAMP)
                .terminal(request -> CompletableFuture.completedFuture(
                        GatewayResponse.builder(201).body(Body.of("made")).build()))
                .run(TestRequest.get("/orders").build());

        assertEquals(201, result.status());
        assertEquals("made", result.bodyText());
        assertEquals(Optional.of("1"), result.forwarded().headers().first("X-Stamp"));
        assertEquals(Optional.of("alice"), result.forwarded().attribute(USER));
        assertTrue(result.answeredBy().isEmpty());
    }

    @Test
    void aStageThatAnswersIsNamedAndNothingReachesTheTerminal() {
        RunResult result = InterceptorRunner.of(STAMP, REFUSE).run(TestRequest.get("/orders").id("req-7").build());

        assertEquals(Optional.of("Refuse"), result.answeredBy());
        assertFalse(result.reachedTerminal());
        AssertionError none = assertThrows(AssertionError.class, result::forwarded);
        assertEquals("no request reached the terminal: Refuse answered GatewayResponse[403 "
                + ProblemTypes.FORBIDDEN + "]", none.getMessage());
        assertThatProblem(result).hasStatus(403).hasType(ProblemTypes.FORBIDDEN).hasDetail("Not you.")
                .hasRequestId("req-7").hasHeader("WWW-Authenticate", "Bearer");
    }

    @Test
    void aStageThatNeverCompletesFailsTheRunAfterTheTimeoutInsteadOfHangingTheTest() {
        InterceptorRunner runner = InterceptorRunner.of(Interceptor.named("Stuck", chain -> new CompletableFuture<>()))
                .timeout(Duration.ofMillis(100));

        AssertionError error = assertThrows(AssertionError.class, () -> runner.run(TestRequest.get("/x").build()));

        assertTrue(error.getMessage().startsWith("Stuck did not complete within PT0.1S"), error.getMessage());
    }

    @Test
    void aStageThatThrowsFailsTheRunWithTheCauseAndFailureReturnsIt() {
        IllegalStateException bug = new IllegalStateException("bug");
        InterceptorRunner runner = InterceptorRunner.of(Interceptor.named("Buggy", chain -> {
            throw bug;
        }));

        AssertionError error = assertThrows(AssertionError.class, () -> runner.run(TestRequest.get("/x").build()));

        assertEquals(bug, error.getCause());
        assertEquals(bug, runner.failure(TestRequest.get("/x").build()));
    }

    @Test
    void theChainsContractChecksApplyAProceedTwiceIsAFailureNamingTheStage() {
        Interceptor twice = Interceptor.named("Twice", chain -> {
            chain.proceed(chain.request());
            return chain.proceed(chain.request());
        });

        Throwable failure = InterceptorRunner.of(twice).failure(TestRequest.get("/x").build());

        assertInstanceOf(IllegalStateException.class, failure);
        assertEquals("interceptor Twice called proceed() more than once", failure.getMessage());
    }

    @Test
    void failureOfAStageThatAnswersNormallyIsAnAssertionError() {
        AssertionError error = assertThrows(AssertionError.class,
                () -> InterceptorRunner.of(STAMP).failure(TestRequest.get("/x").build()));

        assertTrue(error.getMessage().startsWith("Stamp did not fail on GatewayRequest["), error.getMessage());
    }

    @Test
    void aResultThatIsNoProblemCannotBeCheckedAsOne() {
        RunResult passed = InterceptorRunner.of(STAMP).run(TestRequest.get("/x").build());

        AssertionError error = assertThrows(AssertionError.class, () -> assertThatProblem(passed));

        assertEquals("expected a problem, but the stages answered GatewayResponse[200]", error.getMessage());
    }
}
