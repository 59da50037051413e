package dev.portcullis.api.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.portcullis.api.Body;
import dev.portcullis.api.GatewayRequest;
import dev.portcullis.api.GatewayResponse;
import dev.portcullis.api.Pipeline;
import dev.portcullis.api.Problem;
import dev.portcullis.api.ProblemTypes;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ValidationTest {
    private static final GatewayRequest REQUEST = GatewayRequest.builder().id("r1").method("POST")
            .authority("gw.test").rawPath("/orders").clientAddress(InetAddress.getLoopbackAddress()).build();

    @Test
    void aValidVerdictProceedsWithTheRequestItCarries() {
        AtomicReference<String> upstreamSaw = new AtomicReference<>();
        RequestValidator replaceBody = request -> CompletableFuture.completedFuture(
                ValidationResult.valid(request.toBuilder().body(Body.of("buffered")).build()));
        GatewayResponse response = run(replaceBody, request -> {
            upstreamSaw.set(new String(BodyLimits.collect(request.body(), 100).toCompletableFuture().join()));
            return CompletableFuture.completedFuture(GatewayResponse.builder(200).build());
        });
        assertEquals(200, response.status());
        assertEquals("buffered", upstreamSaw.get());
    }

    @Test
    void anInvalidVerdictAnswersAProblemListingEveryViolation() {
        AtomicBoolean reached = new AtomicBoolean();
        RequestValidator validator = request -> CompletableFuture.completedFuture(ValidationResult.invalid(422,
                List.of(new Violation("/a", "is required"), new Violation("/b", "must be a number"))));
        GatewayResponse response = run(validator, request -> {
            reached.set(true);
            return CompletableFuture.completedFuture(GatewayResponse.builder(200).build());
        });
        Problem problem = response.problem().orElseThrow();
        assertEquals(422, problem.status());
        assertEquals(ProblemTypes.VALIDATION_FAILED, problem.type());
        assertEquals(List.of(Map.of("pointer", "/a", "message", "is required"),
                Map.of("pointer", "/b", "message", "must be a number")), problem.extensions().get("violations"));
        assertFalse(reached.get());
    }

    @Test
    void aProblemExceptionFromTheValidatorBecomesThatProblem() {
        RequestValidator tooBig = request -> CompletableFuture.failedFuture(BodyLimits.tooLarge(10));
        GatewayResponse response = run(tooBig, request -> {
            throw new AssertionError("must not reach upstream");
        });
        assertEquals(ProblemTypes.PAYLOAD_TOO_LARGE, response.problem().orElseThrow().type());
    }

    @Test
    void anInvalidVerdictRefusesANon4xxStatusAndAnEmptyViolationList() {
        assertThrows(IllegalArgumentException.class,
                () -> ValidationResult.invalid(500, List.of(new Violation("", "x"))));
        assertThrows(IllegalArgumentException.class, () -> ValidationResult.invalid(400, List.of()));
    }

    private static GatewayResponse run(RequestValidator validator, dev.portcullis.api.Handler upstream) {
        return Pipeline.builder().add(Validation.interceptor(validator)).build()
                .execute(REQUEST, upstream).toCompletableFuture().join();
    }
}
