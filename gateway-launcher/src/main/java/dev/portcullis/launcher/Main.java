package dev.portcullis.launcher;

import dev.portcullis.api.ratelimit.RateLimitQuota;
import dev.portcullis.api.routing.Route;
import dev.portcullis.api.routing.Upstream;
import dev.portcullis.core.client.JdkUpstreamClient;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The main class of {@code portcullis-gateway.jar}: runs the gateway standalone on embedded Jetty 12, built from a
 * configuration file or from routes on the command line, e.g.
 *
 * <pre>
 * java -jar portcullis-gateway.jar --config gateway.yaml
 * java -jar portcullis-gateway.jar --port 8080 --route /api=http://127.0.0.1:9001,http://127.0.0.1:9002 \
 *     --rate-limit 100/1m
 * java -cp portcullis-gateway.jar:my-stages.jar dev.portcullis.launcher.Main --config gateway.yaml
 * </pre>
 *
 * It prints the listening address, the routes and the rate limit (with {@code --config gateway.yaml}: the file and
 * its stages), then serves until SIGTERM (or Ctrl-C) drains and stops it. Bad arguments, and a file with problems,
 * print a message naming the option (and every problem with its line) and exit with status {@value #USAGE_ERROR};
 * a port that cannot be bound exits with {@value #START_FAILED}; {@code --validate gateway.yaml} only checks a file
 * and exits 0 or 2; {@code --help} prints every option with its default. See {@link LauncherOptions#USAGE}.
 */
public final class Main {
    /** The exit status of a bad command line or configuration file. */
    public static final int USAGE_ERROR = 2;
    /** The exit status when the server cannot start, e.g. its port is taken. */
    public static final int START_FAILED = 1;

    private Main() {
    }

    /**
     * @param args the command line
     * @throws Exception if the server fails to start for a reason other than a bad argument
     */
    public static void main(String[] args) throws Exception {
        if (System.getProperty(JdkUpstreamClient.COMMON_POOL_PARALLELISM_PROPERTY) == null) {
            System.setProperty(JdkUpstreamClient.COMMON_POOL_PARALLELISM_PROPERTY,
                    String.valueOf(Math.max(2, Runtime.getRuntime().availableProcessors() - 1)));
        }
        LauncherServer server;
        try {
            LauncherOptions options = LauncherOptions.parse(args);
            if (options.help()) {
                System.out.println(LauncherOptions.USAGE);
                return;
            }
            if (options.validate().isPresent()) {
                System.exit(LauncherConfig.validate(options.validate().get(), System.out, System.err));
                return;
            }
            server = LauncherServer.start(options);
            describe(options, server.port(), System.out);
            if (options.config().isPresent()) {
                System.out.println("  " + options.config().get() + ": " + server.describe());
            }
            server.adminPort().ifPresent(port -> System.out.println("  admin view and Prometheus scrape on "
                    + "http://127.0.0.1:" + port + "/ (/live, /ready, /metrics; loopback callers only)"));
        } catch (UsageException e) {
            System.err.println("portcullis: " + e.getMessage());
            System.err.println("run with --help for the options");
            System.exit(USAGE_ERROR);
            return;
        } catch (IOException e) {
            System.err.println("portcullis: cannot listen: " + e.getMessage()
                    + (e.getCause() == null ? "" : " (" + e.getCause().getMessage() + ")"));
            System.exit(START_FAILED);
            return;
        }
        server.join();
    }

    /**
     * @param options the options
     * @param port the real port
     * @param out where to print
     */
    static void describe(LauncherOptions options, int port, PrintStream out) {
        out.println("Portcullis listening on http://" + options.host() + ":" + port + " (client: "
                + options.client().name().toLowerCase(Locale.ROOT) + ")");
        for (Route route : options.routes()) {
            out.println("  " + route.pathPattern() + " -> " + route.upstreams().instances().stream()
                    .map(Upstream::uri).map(Object::toString).collect(Collectors.joining(", ")));
        }
        options.upstreamTls().summary().ifPresent(tls -> out.println("  upstream TLS: " + tls));
        options.rateLimit().ifPresent(policy -> {
            RateLimitQuota quota = policy.quotas().get(0);
            String where = options.redis().map(URI::create)     // host and port only: the URI may hold a password
                    .map(uri -> "in Redis at " + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort()))
                    .orElse("in this JVM");
            out.println("  rate limit: " + quota.quota() + " per " + quota.window().toSeconds() + " s per client IP, "
                    + "buckets " + where);
        });
    }
}
