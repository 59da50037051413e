package dev.portcullis.examples.demo;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * One thing to try against a running example, with the {@code curl} command that does it.
 *
 * <pre>{@code
 * TryIt.print(TryIt.forApp(app.baseUri()), System.out);
 * }</pre>
 *
 * @param what what the command shows, one line
 * @param command a shell command to paste
 */
public record TryIt(String what, String command) {
    /** @throws NullPointerException if a member is null */
    public TryIt {
        Objects.requireNonNull(what, "what");
        Objects.requireNonNull(command, "command");
    }

    /**
     * @param baseUri the app, e.g. {@code http://127.0.0.1:8080}
     * @return the curl lines for the {@link DemoGateway} pipeline, in the order worth trying them
     */
    public static List<TryIt> forApp(String baseUri) {
        Objects.requireNonNull(baseUri, "baseUri");
        String api = baseUri + "/api/orders?page=2";
        String secure = baseUri + "/secure/orders";
        String token = DemoIssuer.shared().token("alice", DemoGateway.SECURE_SCOPE, Duration.ofHours(1));
        return List.of(
                new TryIt("the app's own servlet, behind the gateway",
                        "curl -i " + baseUri + "/hello"),
                new TryIt("a proxied route: /api/** -> demo upstream, prefix stripped",
                        "curl -i -H 'X-Tenant: acme' '" + api + "'"),
                new TryIt("a rejection by the custom interceptor, as application/problem+json",
                        "curl -i -H 'X-Tenant: initech' '" + api + "'"),
                new TryIt("the same route without a tenant: 400, also a problem",
                        "curl -i '" + api + "'"),
                new TryIt("a JWT-protected route without a token: 401 with WWW-Authenticate: Bearer",
                        "curl -i -H 'X-Tenant: acme' " + secure),
                new TryIt("the same route with a demo token (sub alice, scope " + DemoGateway.SECURE_SCOPE
                                + "): the upstream sees X-User-Id: alice",
                        "curl -i -H 'X-Tenant: acme' -H 'Authorization: Bearer " + token + "' " + secure),
                new TryIt("a CORS preflight from the allowed browser origin",
                        "curl -i -X OPTIONS -H 'Origin: " + DemoGateway.BROWSER_ORIGIN + "'"
                                + " -H 'Access-Control-Request-Method: GET' " + baseUri + "/api/orders"),
                new TryIt("the admin view on its own context, loopback callers only: routes, stages, instances",
                        "curl -s " + baseUri + DemoMonitoring.ADMIN_PATH + "/"),
                new TryIt("the Prometheus scrape of the gateway's metrics, tagged by route id, never by path",
                        "curl -s " + baseUri + DemoMonitoring.ADMIN_PATH + "/metrics | grep '^portcullis_requests'"),
                burst(baseUri));
    }

    /**
     * The per-IP limit hit by a burst. The lines above spend some of the same bucket, so the burst first waits out
     * one window: then exactly {@link DemoGateway#REQUESTS_PER_WINDOW} requests pass and the rest get 429.
     */
    private static TryIt burst(String baseUri) {
        long window = DemoGateway.RATE_WINDOW.toSeconds();
        int requests = DemoGateway.REQUESTS_PER_WINDOW + 2;
        return new TryIt("the per-IP limit (" + DemoGateway.REQUESTS_PER_WINDOW + " per " + window + " s): after"
                        + " waiting out the window, " + DemoGateway.REQUESTS_PER_WINDOW + " x 200, then 429 with"
                        + " Retry-After and the RateLimit fields",
                "sleep " + window + "; for i in $(seq 1 " + requests + "); do curl -s -o /dev/null -w '%{http_code} ' "
                        + baseUri + "/hello; done; echo; curl -si " + baseUri + "/hello | head -n 12");
    }

    /**
     * @param lines what to print
     * @param out where to print it: each line's description as a comment, then its command
     */
    public static void print(List<TryIt> lines, PrintStream out) {
        for (TryIt line : lines) {
            out.println("# " + line.what());
            out.println(line.command());
            out.println();
        }
    }
}
