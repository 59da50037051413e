package dev.portcullis.servlet.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.api.Body;
import dev.portcullis.api.Interceptor;
import dev.portcullis.api.Problem;
import dev.portcullis.api.ProblemException;
import dev.portcullis.api.ProblemTypes;
import dev.portcullis.api.routing.Route;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
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

    /** Refuses every request with a 403 problem before anyone reads its body. */
    private static Interceptor refuseAll() {
        return chain -> CompletableFuture.failedFuture(new ProblemException(
                Problem.builder(ProblemTypes.FORBIDDEN, 403, "Forbidden").build()));
    }

    private static String head(int length) {
        return "POST /api/upload HTTP/1.1\r\nHost: x\r\nContent-Type: application/octet-stream\r\nContent-Length: "
                + length + "\r\n\r\n";
    }

    /**
     * Sends the head and the first {@code sent} bytes of the body from a thread of its own, which stops quietly
     * once the server closes the connection, and reads the response meanwhile, so the response is read whether or
     * not the server closes before the whole body went out.
     */
    private static RawHttp.Response send(int port, int length, int sent) throws Exception {
        ExecutorService writer = Executors.newSingleThreadExecutor();
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(head(length).getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            Future<?> writing = writer.submit(() -> {
                try (InputStream body = Generated.stream(sent)) {
                    body.transferTo(out);
                    out.flush();
                } catch (IOException closedByServer) {
                    return null;
                }
                return null;
            });
            RawHttp.Response response = RawHttp.read(socket.getInputStream());
            socket.shutdownInput();
            writing.cancel(true);
            return response;
        } finally {
            writer.shutdownNow();
            assertTrue(writer.awaitTermination(20, TimeUnit.SECONDS), "the body writer did not stop");
        }
    }

    private static void assertClosingProblem(RawHttp.Response response, int status, String type) {
        assertEquals(status, response.status(), response.text());
        assertEquals(List.of("application/problem+json"), response.header("Content-Type"));
        assertEquals(List.of("close"), response.header("Connection"));
        assertTrue(response.text().contains("\"type\":\"" + type + "\""), response.text());
        assertTrue(response.text().endsWith("}"), response.text());
    }

    @ParameterizedTest
    @MethodSource("dev.portcullis.servlet.it.ServletContainer#all")
    void aRequestBodyThatFailsWithAProblemIsAnsweredWithThatProblem(ServletContainer container) throws Exception {
        try (TestUpstream upstream = TestUpstream.start(TestUpstream.echo());
             RunningServer server = container.start(Gateways.builder(List.of(limit(100_000)),
                     Route.builder("api").path("/api/**").upstream(upstream.baseUri()).build()).build(),
                     new AppServlet())) {
            assertClosingProblem(send(server.port(), 5_000_000, 5_000_000), 413, ProblemTypes.PAYLOAD_TOO_LARGE);
        }
    }

    @ParameterizedTest
    @MethodSource("dev.portcullis.servlet.it.ServletContainer#all")
    void aProblemForARequestWhoseBodyIsStillComingClosesTheConnection(ServletContainer container)
            throws Exception {
        try (TestUpstream upstream = TestUpstream.start(TestUpstream.echo());
             RunningServer server = container.start(Gateways.builder(List.of(refuseAll()),
                     Route.builder("api").path("/api/**").upstream(upstream.baseUri()).build()).build(),
                     new AppServlet())) {
            assertClosingProblem(send(server.port(), 1_000_000, 10_000), 403, ProblemTypes.FORBIDDEN);
        }
    }
}
