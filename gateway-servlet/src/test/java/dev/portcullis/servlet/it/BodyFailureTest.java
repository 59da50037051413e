package dev.portcullis.servlet.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.api.Body;
import dev.portcullis.api.Interceptor;
import dev.portcullis.api.Problem;
import dev.portcullis.api.ProblemException;
import dev.portcullis.api.ProblemTypes;
import dev.portcullis.api.routing.Route;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.Flow;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class BodyFailureTest {

    /** Passes the body through and fails it with a 413 problem once more than {@code limit} bytes went by. */
    private static Interceptor limit(long limit) {
        return chain -> {
            Body original = chain.request().body();
            Body capped = new Body() {
                @Override
                public long contentLength() {
                    return original.contentLength();
                }

                @Override
                public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
                    original.subscribe(new Flow.Subscriber<>() {
                        private long seen;
                        private Flow.Subscription subscription;

                        @Override
                        public void onSubscribe(Flow.Subscription s) {
                            subscription = s;
                            subscriber.onSubscribe(s);
                        }

                        @Override
                        public void onNext(ByteBuffer item) {
                            seen += item.remaining();
                            if (seen > limit) {
                                subscription.cancel();
                                subscriber.onError(new ProblemException(Problem.builder(
                                        ProblemTypes.PAYLOAD_TOO_LARGE, 413, "Payload Too Large")
                                        .detail("over " + limit + " bytes").build()));
                            } else {
                                subscriber.onNext(item);
                            }
                        }

                        @Override
                        public void onError(Throwable t) {
                            subscriber.onError(t);
                        }

                        @Override
                        public void onComplete() {
                            subscriber.onComplete();
                        }
                    });
                }
            };
            return chain.proceed(chain.request().toBuilder().body(capped).build());
        };
    }

    @ParameterizedTest
    @MethodSource("dev.portcullis.servlet.it.ServletContainer#all")
    void aRequestBodyThatFailsWithAProblemIsAnsweredWithThatProblem(ServletContainer container) throws Exception {
        try (TestUpstream upstream = TestUpstream.start(TestUpstream.echo());
             RunningServer server = container.start(Gateways.builder(List.of(limit(100_000)),
                     Route.builder("api").path("/api/**").upstream(upstream.baseUri()).build()).build(),
                     new AppServlet())) {
            HttpResponse<String> response = Http.send(HttpRequest.newBuilder(server.uri("/api/upload"))
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> Generated.stream(5_000_000))).build());
            assertEquals(413, response.statusCode(), response.body());
            assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElseThrow());
            assertTrue(response.body().contains(ProblemTypes.PAYLOAD_TOO_LARGE), response.body());
        }
    }
}
