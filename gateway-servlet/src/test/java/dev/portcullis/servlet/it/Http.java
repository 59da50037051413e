package dev.portcullis.servlet.it;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A plain HTTP/1.1 test client (JDK {@link HttpClient}) that never follows redirects. */
public final class Http {
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private Http() {
    }

    /** @return the shared client */
    public static HttpClient client() {
        return CLIENT;
    }

    /**
     * @param uri the target
     * @return the response as text
     * @throws IOException on I/O failure
     * @throws InterruptedException if interrupted
     */
    public static HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20)).build());
    }

    /**
     * @param request the request
     * @return the response as text
     * @throws IOException on I/O failure
     * @throws InterruptedException if interrupted
     */
    public static HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
