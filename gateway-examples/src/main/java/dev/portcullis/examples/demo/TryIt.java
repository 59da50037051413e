package dev.portcullis.examples.demo;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
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
        String token = DemoIssuer.shared().token("alice", DemoGateway.SECURE_SCOPE, Duration.ofHours(1));
        List<TryIt> lines = new ArrayList<>();
        lines.add(new TryIt("the app's own servlet, behind the gateway", "curl -i " + baseUri + "/hello"));
        lines.addAll(routed(baseUri, token));
        lines.add(new TryIt("the admin view on its own context, loopback callers only: routes, stages, instances",
                "curl -s " + baseUri + DemoMonitoring.ADMIN_PATH + "/"));
        lines.add(metrics(baseUri + DemoMonitoring.ADMIN_PATH));
        lines.add(burst(baseUri + "/hello"));
        return List.copyOf(lines);
    }

    /**
     * @param gatewayBaseUri the gateway run by {@code portcullis-gateway.jar}, e.g. {@code http://127.0.0.1:8080}
     * @param adminBaseUri its admin port ({@code --admin-port}), e.g. {@code http://127.0.0.1:8081}
     * @param token a token of the demo issuer the gateway trusts, with the scope {@value DemoGateway#SECURE_SCOPE}
     * @return the curl lines for the gateway of {@code demo-gateway.yaml}, in the order worth trying them
     */
    public static List<TryIt> forJar(String gatewayBaseUri, String adminBaseUri, String token) {
        Objects.requireNonNull(gatewayBaseUri, "gatewayBaseUri");
        Objects.requireNonNull(adminBaseUri, "adminBaseUri");
        Objects.requireNonNull(token, "token");
        List<TryIt> lines = new ArrayList<>(routed(gatewayBaseUri, token));
        lines.add(new TryIt("the launcher's admin view on its own port, loopback callers only: routes, stages,"
                + " instances", "curl -s " + adminBaseUri + "/"));
        lines.add(metrics(adminBaseUri));
        lines.add(burst("-H 'X-Tenant: acme' " + gatewayBaseUri + "/api/orders"));
        return List.copyOf(lines);
    }

    /** The lines every demo gateway answers the same: routes, the tenant stage, the JWT route, CORS. */
    private static List<TryIt> routed(String baseUri, String token) {
        String api = baseUri + "/api/orders?page=2";
        String secure = baseUri + "/secure/orders";
        return List.of(
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
                                + " -H 'Access-Control-Request-Method: GET' " + baseUri + "/api/orders"));
    }

    private static TryIt metrics(String adminBaseUri) {
        return new TryIt("the Prometheus scrape of the gateway's metrics, tagged by route id, never by path",
                "curl -s " + adminBaseUri + "/metrics | grep '^portcullis_requests'");
    }

    /**
     * The per-IP limit hit by a burst. The lines above spend some of the same bucket, so the burst first waits out
     * one window: then exactly {@link DemoGateway#REQUESTS_PER_WINDOW} requests pass and the rest get 429.
     *
     * @param target what each curl asks for: its options and URL
     */
    private static TryIt burst(String target) {
        long window = DemoGateway.RATE_WINDOW.toSeconds();
        int requests = DemoGateway.REQUESTS_PER_WINDOW + 2;
        return new TryIt("the per-IP limit (" + DemoGateway.REQUESTS_PER_WINDOW + " per " + window + " s): after"
                        + " waiting out the window, " + DemoGateway.REQUESTS_PER_WINDOW + " x 200, then 429 with"
                        + " Retry-After and the RateLimit fields",
                "sleep " + window + "; for i in $(seq 1 " + requests + "); do curl -s -o /dev/null -w '%{http_code} ' "
                        + target + "; done; echo; curl -si " + target + " | head -n 12");
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
