package dev.portcullis.examples.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The metrics and admin view every example app serves on {@code /admin}, in a context of its own, over real sockets
 * from 127.0.0.1: a subclass says how to start its app.
 */
public abstract class MonitoringContract extends RunningAppFixture {
    private static final ObjectMapper JSON = new ObjectMapper();

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return CLIENT.send(HttpRequest.newBuilder(app.uri(path)).header("X-Tenant", "acme")
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void thePrometheusScrapeShowsTheProxiedRequestTaggedByItsRouteAndNeverItsPath() throws Exception {
        assertEquals(200, get("/api/orders/zq-4711").statusCode());
        String series = "portcullis_requests_seconds_count{method=\"GET\",outcome=\"completed\",route=\"api\","
                + "status=\"2xx\"} 1";

        HttpResponse<String> scrape = awaitScrapeContaining(series);

        String mediaType = scrape.headers().firstValue("Content-Type").orElseThrow().replace(" ", "");
        assertTrue(mediaType.startsWith("text/plain;version=0.0.4"), mediaType);
        String buckets = "portcullis_requests_seconds_bucket{method=\"GET\",outcome=\"completed\",route=\"api\","
                + "status=\"2xx\",le=";
        assertTrue(scrape.body().contains(buckets + "\"0.25\"}"), "a bucket per objective: " + scrape.body());
        assertTrue(scrape.body().contains(buckets + "\"+Inf\"} 1"), scrape.body());
        assertTrue(scrape.body().contains("portcullis_ratelimit_decisions_total{decision=\"allowed\","
                + "stage=\"PerIpRateLimit\"} 1"), scrape.body());
        assertTrue(scrape.body().contains("portcullis_upstream_connections{destination=\"http://127.0.0.1:"),
                "the Jetty client's pool figures: " + scrape.body());
        assertFalse(scrape.body().contains("zq-4711"));
    }

    @Test
    void theAdminViewListsTheRoutesAndStagesAndIsNotBehindTheGatewayFilter() throws Exception {
        for (int i = 0; i < 8; i++) {
            assertEquals(200, get("/admin/live").statusCode(), "the per-IP limit of the gateway never applies here");
        }
        HttpResponse<String> view = get("/admin/");

        assertEquals(200, view.statusCode(), view.body());
        assertFalse(view.headers().firstValue("X-Request-Id").isPresent(), "no gateway filter in front");
        JsonNode document = JSON.readTree(view.body());
        assertEquals("demo-1", document.path("configVersion").asText());
        assertEquals("Routing", document.path("pipeline").get(0).asText());
        assertEquals("secure", document.path("routes").get(0).path("id").asText());
        assertEquals("configured", document.path("routes").get(1).path("upstreams").get(0).path("state").asText());
        assertEquals("{\"status\":\"UP\"}", get("/admin/ready").body());
    }

    /** The exchange ends just after its response is sent: scrape until the series shows (at most 10 s). */
    private HttpResponse<String> awaitScrapeContaining(String series) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        HttpResponse<String> scrape = get("/admin/metrics");
        while (!scrape.body().contains(series) && System.nanoTime() < deadline) {
            Thread.sleep(20);
            scrape = get("/admin/metrics");
        }
        assertEquals(200, scrape.statusCode());
        assertTrue(scrape.body().contains(series), scrape.body());
        return scrape;
    }
}
