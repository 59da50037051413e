package dev.portcullis.launcher;

import dev.portcullis.api.routing.Route;
import dev.portcullis.ratelimit.RateLimitPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The launcher's command line, parsed and checked. Immutable.
 *
 * <pre>{@code
 * LauncherOptions options = LauncherOptions.parse("--port", "8080",
 *     "--route", "/api=http://127.0.0.1:9001,http://127.0.0.1:9002", "--client", "jetty",
 *     "--rate-limit", "100/1m", "--redis", "redis://127.0.0.1:6379");
 * }</pre>
 *
 * @param host the address to bind, default {@code 127.0.0.1}
 * @param port the port to listen on, {@code 0} for any free one; default 8080
 * @param routes the routes, in match order
 * @param client the upstream client, default {@link ClientKind#JETTY} (measured faster, see the Performance section of README.md)
 * @param trustedProxies CIDR blocks whose forwarding headers are believed
 * @param rateLimit the per-client-IP policy of {@code --rate-limit N/WINDOW}, applied to every request after
 *     routing (unrouted ones too); empty for none
 * @param redis the {@code --redis} URI whose Redis holds the buckets; empty to keep them in this JVM
 * @param drainTimeout how long a stop (SIGTERM) lets in-flight exchanges finish before it cuts them, default
 *     {@link #DEFAULT_DRAIN_TIMEOUT}; {@code 0s} cuts them at once
 * @param upstreamTls the {@code --upstream-*} TLS options for {@code https} upstreams, {@link UpstreamTlsOptions#NONE}
 *     for the clients' defaults
 * @param adminPort the {@code --admin-port} on 127.0.0.1 of the admin view and the Prometheus scrape ({@code 0}: any
 *     free one); empty for none, and then no metrics are kept
 * @param help whether {@code --help} was given (then nothing else is checked)
 * @param config the {@code --config} file the gateway is built from instead of {@code --route} and its companions;
 *     empty for none
 * @param validate the {@code --validate} file to check and exit; empty for none
 */
public record LauncherOptions(String host, int port, List<Route> routes, ClientKind client,
                              List<String> trustedProxies, Optional<RateLimitPolicy> rateLimit,
                              Optional<String> redis, Duration drainTimeout, UpstreamTlsOptions upstreamTls,
                              Optional<Integer> adminPort, boolean help, Optional<Path> config,
                              Optional<Path> validate) {
    /** How long a stop waits for in-flight exchanges unless {@code --drain-timeout} says otherwise. */
    public static final Duration DEFAULT_DRAIN_TIMEOUT = Duration.ofSeconds(10);
    /** The longest {@code --drain-timeout} accepted: an orchestrator's grace period is rarely longer. */
    public static final Duration MAX_DRAIN_TIMEOUT = Duration.ofMinutes(5);
    private static final Pattern DRAIN_FORMAT = Pattern.compile("(\\d{1,6})(ms|s)");

    /** What {@code --help} prints: every option, with its default. */
    public static final String USAGE = String.join("\n",
            "usage: java -jar portcullis-gateway.jar --config gateway.yaml [--port, --host, --client, --drain-timeout,",
            "                                        --admin-port, --upstream-*]",
            "       java -jar portcullis-gateway.jar --route PREFIX=URL[,URL...] [--route ...] [options]",
            "       java -jar portcullis-gateway.jar --validate gateway.yaml",
            "       java -cp portcullis-gateway.jar:my-stages.jar dev.portcullis.launcher.Main ...  (custom stages)",
            "",
            "  --config FILE                     build the gateway from this YAML file and reload it when it",
            "                                    changes (default: none; then --route is required)",
            "  --validate FILE                   only check the file: exit 0 when valid, else 2 with every problem",
            "  --route PREFIX=URL[,URL...]       proxy PREFIX and everything below it, e.g. /api=http://127.0.0.1:9001",
            "                                    (repeatable; several URLs are used round-robin; default: none)",
            "  --port N                          port to listen on, 0 = any free port (default: 8080)",
            "  --host ADDRESS                    address to bind, 0.0.0.0 = every interface (default: 127.0.0.1)",
            "  --client jdk|jetty                upstream HTTP client (default: jetty; a file's client section wins)",
            "  --trusted-proxy CIDR              believe X-Forwarded-*/Forwarded from this block, e.g. 10.0.0.0/8",
            "                                    (repeatable; default: none, the socket's peer is the client)",
            "  --rate-limit N/WINDOW             N requests per WINDOW (s, m, h, d) per client IP, then 429, e.g.",
            "                                    100/1m (default: no limit)",
            "  --redis redis://HOST:PORT         keep the rate-limit buckets in this Redis (needs --rate-limit;",
            "                                    default: in this JVM)",
            "  --drain-timeout DURATION          on SIGTERM, let exchanges in flight finish for this long (ms or s,",
            "                                    at most 300s), then cut them and exit (default: 10s)",
            "  --admin-port N                    serve the admin view (/, /live, /ready) and the Prometheus scrape",
            "                                    (/metrics) on 127.0.0.1:N to loopback callers, 0 = any free port",
            "                                    (default: none, and no metrics are kept)",
            "  --upstream-trust-store FILE       trust these certificates (PEM, PKCS12 or JKS) for https upstreams",
            "                                    (default: the JDK's CAs)",
            "  --upstream-trust-store-password-env VARIABLE",
            "                                    read the trust store's password from this environment variable",
            "                                    (default: no password)",
            "  --upstream-client-cert FILE       present this client certificate to https upstreams (mTLS): a",
            "                                    PKCS12 or JKS key store, or a PEM chain with --upstream-client-key",
            "                                    (default: none)",
            "  --upstream-client-cert-password-env VARIABLE",
            "                                    read the key store's password from this environment variable",
            "                                    (default: no password)",
            "  --upstream-client-key FILE        the unencrypted PKCS#8 PEM key of a PEM --upstream-client-cert",
            "                                    (default: none)",
            "  --help, -h                        print this and exit 0",
            "",
            "Bad options exit with status 2 and a message naming the option. Logging: slf4j-simple on standard",
            "error, e.g. -Dorg.slf4j.simpleLogger.log.dev.portcullis=debug. See docs/launcher.md.");

    /** Copies the lists. */
    public LauncherOptions {
        Objects.requireNonNull(host, "host");
        routes = List.copyOf(routes);
        Objects.requireNonNull(client, "client");
        trustedProxies = List.copyOf(trustedProxies);
        Objects.requireNonNull(rateLimit, "rateLimit");
        Objects.requireNonNull(redis, "redis");
        Objects.requireNonNull(drainTimeout, "drainTimeout");
        Objects.requireNonNull(upstreamTls, "upstreamTls");
        Objects.requireNonNull(adminPort, "adminPort");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(validate, "validate");
    }

    /**
     * @param args the command-line arguments
     * @return the options
     * @throws UsageException naming the option that is unknown, lacks its value or has a wrong one
     */
    public static LauncherOptions parse(String... args) throws UsageException {
        String host = "127.0.0.1";
        int port = 8080;
        List<Route> routes = new ArrayList<>();
        Set<String> prefixes = new HashSet<>();
        ClientKind client = ClientKind.JETTY;
        List<String> trusted = new ArrayList<>();
        RateLimitPolicy rateLimit = null;
        String redis = null;
        Duration drainTimeout = DEFAULT_DRAIN_TIMEOUT;
        UpstreamTlsOptions tls = UpstreamTlsOptions.NONE;
        Integer adminPort = null;
        Path config = null;
        Path validate = null;
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (option.equals("--help") || option.equals("-h")) {
                return new LauncherOptions(host, port, List.of(), client, List.of(), Optional.empty(), Optional.empty(),
                        drainTimeout, tls, Optional.empty(), true, Optional.empty(), Optional.empty());
            }
            if (!option.startsWith("--")) {
                throw new UsageException(option, "unexpected argument; options start with --, see --help");
            }
            if (i + 1 >= args.length) {
                throw new UsageException(option, "needs a value");
            }
            String value = args[++i];
            switch (option) {
                case "--host" -> host = requireText(option, value);
                case "--port" -> port = parsePort(option, value);
                case "--admin-port" -> adminPort = once(option, adminPort, parsePort(option, value));
                case "--client" -> client = ClientKind.parse(value);
                case "--trusted-proxy" -> trusted.add(requireText(option, value));
                case "--rate-limit" -> rateLimit = once(option, rateLimit, RateLimitArgument.policy(value));
                case "--redis" -> redis = once(option, redis, RateLimitArgument.redisUri(value));
                case "--drain-timeout" -> drainTimeout = parseDrainTimeout(value);
                case UpstreamTlsOptions.TRUST_STORE, UpstreamTlsOptions.TRUST_STORE_PASSWORD_ENV,
                        UpstreamTlsOptions.CLIENT_CERT, UpstreamTlsOptions.CLIENT_CERT_PASSWORD_ENV,
                        UpstreamTlsOptions.CLIENT_KEY -> tls = tls.with(option, value);
                case "--config" -> config = once(option, config, Path.of(requireText(option, value)));
                case "--validate" -> validate = once(option, validate, Path.of(requireText(option, value)));
                case "--route" -> {
                    Route route = RouteArgument.parse(value);
                    if (!prefixes.add(route.pathPattern())) {
                        throw new UsageException("--route", "prefix given twice: " + value);
                    }
                    routes.add(route);
                }
                default -> throw new UsageException(option, "unknown option, see --help");
            }
        }
        if (validate != null) {
            if (args.length > 2) {
                throw new UsageException("--validate", "takes no other option: it only checks the file");
            }
            return new LauncherOptions(host, port, List.of(), client, List.of(), Optional.empty(), Optional.empty(),
                    drainTimeout, tls, Optional.empty(), false, Optional.empty(), Optional.of(validate));
        }
        if (config != null) {
            refuseWithConfig("--route", !routes.isEmpty(), "put the routes in the file");
            refuseWithConfig("--rate-limit", rateLimit != null, "put rateLimiting in the file");
            refuseWithConfig("--redis", redis != null, "put a redis store in the file's rateLimiting.stores");
            refuseWithConfig("--trusted-proxy", !trusted.isEmpty(), "put gateway.trustedProxies in the file");
        } else if (routes.isEmpty()) {
            throw new UsageException("--route", "at least one route is required, e.g. --route /api=http://127.0.0.1:9001,"
                    + " or --config gateway.yaml");
        }
        if (redis != null && rateLimit == null) {
            throw new UsageException("--redis", "needs --rate-limit: Redis holds only the rate-limit buckets");
        }
        tls.check();
        return new LauncherOptions(host, port, routes, client, trusted, Optional.ofNullable(rateLimit),
                Optional.ofNullable(redis), drainTimeout, tls, Optional.ofNullable(adminPort), false,
                Optional.ofNullable(config), Optional.empty());
    }

    private static void refuseWithConfig(String option, boolean given, String instead) throws UsageException {
        if (given) {
            throw new UsageException(option, "cannot be combined with --config: " + instead);
        }
    }

    private static Duration parseDrainTimeout(String value) throws UsageException {
        Matcher parts = DRAIN_FORMAT.matcher(value);
        if (parts.matches()) {
            long amount = Long.parseLong(parts.group(1));
            Duration timeout = parts.group(2).equals("ms") ? Duration.ofMillis(amount) : Duration.ofSeconds(amount);
            if (timeout.compareTo(MAX_DRAIN_TIMEOUT) <= 0) {
                return timeout;
            }
        }
        throw new UsageException("--drain-timeout", "expected a duration in ms or s of at most 300s, such as 10s or "
                + "500ms, was '" + value + "'");
    }

    private static int parsePort(String option, String value) throws UsageException {
        try {
            int port = Integer.parseInt(value);
            if (port >= 0 && port <= 65_535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException(option, "must be a number from 0 to 65535, was '" + value + "'");
    }

    private static <T> T once(String option, T previous, T value) throws UsageException {
        if (previous != null) {
            throw new UsageException(option, "given twice");
        }
        return value;
    }

    private static String requireText(String option, String value) throws UsageException {
        if (value.isBlank()) {
            throw new UsageException(option, "must not be empty");
        }
        return value;
    }
}
