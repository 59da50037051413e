package dev.portcullis.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

class PipelineTest {
    private static final AttributeKey<String> TAG = AttributeKey.of("tag", String.class);
    private static final GatewayResponse OK = GatewayResponse.builder(200).build();
    private static final Handler TERMINAL_OK = request -> CompletableFuture.completedFuture(OK);

    private final List<String> calls = new ArrayList<>();

    private Interceptor recording(String name) {
        return Interceptor.named(name, chain -> {
            calls.add(name);
            return chain.proceed(chain.request());
        });
    }

    private static Throwable failureOf(CompletionStage<GatewayResponse> stage) {
        ExecutionException failure = assertThrows(ExecutionException.class,
                () -> stage.toCompletableFuture().get());
        return TestRequests.unwrap(failure.getCause());
    }

    @Test
    void interceptorsRunInTheOrderTheyWereAddedAndThenTheTerminal() {
        Pipeline pipeline = Pipeline.builder().add(recording("a")).add(recording("b")).add(recording("c")).build();

        GatewayResponse response = pipeline.execute(TestRequests.get("/"), request -> {
            calls.add("terminal");
            return CompletableFuture.completedFuture(OK);
        }).toCompletableFuture().join();

        assertSame(OK, response);
        assertEquals(List.of("a", "b", "c", "terminal"), calls);
        assertEquals("a -> b -> c", pipeline.describe());
    }

    @Test
    void anInterceptorThatAnswersItselfStopsTheChain() {
        GatewayResponse denied = GatewayResponse.builder(403).build();
        Pipeline pipeline = Pipeline.builder()
                .add(recording("first"))
                .add(chain -> CompletableFuture.completedFuture(denied))
                .add(recording("never"))
                .build();

        GatewayResponse response = pipeline.execute(TestRequests.get("/"), request -> {
            calls.add("terminal");
            return CompletableFuture.completedFuture(OK);
        }).toCompletableFuture().join();

        assertSame(denied, response);
        assertEquals(List.of("first"), calls);
    }

    @Test
    void aChangedRequestReachesTheNextStage() {
        Pipeline pipeline = Pipeline.builder()
                .add(chain -> chain.proceed(chain.request().withAttribute(TAG, "tagged")))
                .add(chain -> chain.proceed(chain.request().toBuilder().rawPath("/changed").build()))
                .build();

        GatewayResponse response = pipeline.execute(TestRequests.get("/original"), request ->
                CompletableFuture.completedFuture(GatewayResponse.builder(200)
                        .header("X-Path", request.rawPath())
                        .header("X-Tag", request.attribute(TAG).orElse("none"))
                        .build())).toCompletableFuture().join();

        assertEquals("/changed", response.headers().first("X-Path").orElseThrow());
        assertEquals("tagged", response.headers().first("X-Tag").orElseThrow());
    }

    @Test
    void responsesAreTransformedOnTheWayBackInReverseOrder() {
        Pipeline pipeline = Pipeline.builder()
                .add(chain -> chain.proceed(chain.request())
                        .thenApply(r -> r.toBuilder().header("X-Trail", "outer").build()))
                .add(chain -> chain.proceed(chain.request())
                        .thenApply(r -> r.toBuilder().header("X-Trail", "inner").build()))
                .build();

        GatewayResponse response = pipeline.execute(TestRequests.get("/"), TERMINAL_OK)
                .toCompletableFuture().join();

        assertEquals(List.of("inner", "outer"), response.headers().all("X-Trail"));
    }

    @Test
    void proceedingTwiceFailsTheRequestNamingTheInterceptor() {
        Pipeline pipeline = Pipeline.builder()
                .add(Interceptor.named("Greedy", chain -> {
                    chain.proceed(chain.request());
                    return chain.proceed(chain.request());
                }))
                .build();

        Throwable failure = failureOf(pipeline.execute(TestRequests.get("/"), TERMINAL_OK));

        assertInstanceOf(IllegalStateException.class, failure);
        assertTrue(failure.getMessage().contains("Greedy"), failure.getMessage());
    }

    @Test
    void returningNullFailsTheRequestNamingTheInterceptor() {
        Pipeline pipeline = Pipeline.builder().add(Interceptor.named("Forgetful", chain -> null)).build();

        Throwable failure = failureOf(pipeline.execute(TestRequests.get("/"), TERMINAL_OK));

        assertInstanceOf(IllegalStateException.class, failure);
        assertEquals("interceptor Forgetful returned null", failure.getMessage());
    }

    @Test
    void completingWithNullFailsTheRequestNamingTheInterceptor() {
        Pipeline pipeline = Pipeline.builder()
                .add(Interceptor.named("Empty", chain -> CompletableFuture.completedFuture(null)))
                .build();

        Throwable failure = failureOf(pipeline.execute(TestRequests.get("/"), TERMINAL_OK));

        assertEquals("interceptor Empty completed with a null response", failure.getMessage());
    }

    @Test
    void completingWithNullLaterFailsTheRequestNamingTheInterceptor() {
        CompletableFuture<GatewayResponse> later = new CompletableFuture<>();
        Pipeline pipeline = Pipeline.builder().add(Interceptor.named("Late", chain -> later)).build();

        CompletionStage<GatewayResponse> stage = pipeline.execute(TestRequests.get("/"), TERMINAL_OK);
        later.complete(null);

        assertEquals("interceptor Late completed with a null response", failureOf(stage).getMessage());
    }

    @Test
    void aTerminalHandlerThatCompletesWithNullIsNamed() {
        Throwable failure = failureOf(Pipeline.builder().build()
                .execute(TestRequests.get("/"), request -> CompletableFuture.completedFuture(null)));

        assertEquals("terminal handler completed with a null response", failure.getMessage());
    }

    @Test
    void anExceptionThrownByAnInterceptorFailsTheStageInsteadOfEscaping() {
        IllegalArgumentException boom = new IllegalArgumentException("boom");
        Pipeline pipeline = Pipeline.builder()
                .add(recording("outer"))
                .add(chain -> {
                    throw boom;
                })
                .build();

        CompletionStage<GatewayResponse> stage = pipeline.execute(TestRequests.get("/"), TERMINAL_OK);

        assertSame(boom, failureOf(stage));
        assertEquals(List.of("outer"), calls);
    }

    @Test
    void anOuterInterceptorCanRecoverFromAnInnerFailure() {
        Pipeline pipeline = Pipeline.builder()
                .add(chain -> chain.proceed(chain.request())
                        .exceptionally(failure -> GatewayResponse.builder(502).build()))
                .add(chain -> CompletableFuture.failedFuture(new IllegalStateException("down")))
                .build();

        assertEquals(502, pipeline.execute(TestRequests.get("/"), TERMINAL_OK)
                .toCompletableFuture().join().status());
    }

    @Test
    void asynchronousCompletionFlowsBackThroughEveryStage() {
        CompletableFuture<GatewayResponse> upstream = new CompletableFuture<>();
        Pipeline pipeline = Pipeline.builder()
                .add(chain -> chain.proceed(chain.request()).thenApply(r -> r.withHeader("X-Outer", "1")))
                .add(recording("inner"))
                .build();

        CompletableFuture<GatewayResponse> result =
                pipeline.execute(TestRequests.get("/"), request -> upstream).toCompletableFuture();
        assertFalse(result.isDone());
        upstream.complete(OK);

        assertEquals("1", result.join().headers().first("X-Outer").orElseThrow());
        assertEquals(List.of("inner"), calls);
    }

    @Test
    void aProceedFromAnotherThreadAfterTheInterceptorReturnedStillWorks() throws Exception {
        CompletableFuture<Chain> parked = new CompletableFuture<>();
        Pipeline pipeline = Pipeline.builder()
                .add(chain -> {
                    parked.complete(chain);
                    return parked.thenComposeAsync(c -> c.proceed(c.request()));
                })
                .build();

        CompletionStage<GatewayResponse> stage = pipeline.execute(TestRequests.get("/"), TERMINAL_OK);

        assertSame(OK, stage.toCompletableFuture().get());
    }

    @Test
    void anEmptyPipelineGoesStraightToTheTerminal() {
        Pipeline pipeline = Pipeline.builder().build();

        assertSame(OK, pipeline.execute(TestRequests.get("/"), TERMINAL_OK).toCompletableFuture().join());
        assertEquals("(no interceptors)", pipeline.describe());
    }

    @Test
    void proceedingWithNullIsRefusedAtOnce() {
        Pipeline pipeline = Pipeline.builder().add(chain -> chain.proceed(null)).build();

        assertInstanceOf(NullPointerException.class,
                failureOf(pipeline.execute(TestRequests.get("/"), TERMINAL_OK)));
    }
}
