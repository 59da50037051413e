package dev.portcullis.examples.demo;

import java.net.http.HttpClient;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * A fresh example app per test (and so fresh rate-limit buckets), on an ephemeral port of {@code 127.0.0.1}, and a
 * plain HTTP/1.1 client: a subclass says how to start its app.
 */
public abstract class RunningAppFixture {
    /** The client the tests send with. */
    protected static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    /** The app of the running test. */
    protected RunningApp app;

    /**
     * @param port the port, 0 for any
     * @return the started app
     * @throws Exception if it does not start
     */
    protected abstract RunningApp start(int port) throws Exception;

    @BeforeEach
    void startApp() throws Exception {
        app = start(0);
    }

    @AfterEach
    void stopApp() throws Exception {
        app.close();
    }
}
