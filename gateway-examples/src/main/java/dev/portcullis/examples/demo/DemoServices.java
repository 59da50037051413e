package dev.portcullis.examples.demo;

import java.io.IOException;
import java.time.Duration;

/**
 * The helper process of {@code ./demo}: everything the demo needs that is not the gateway. It starts the
 * {@linkplain DemoUpstream demo upstream} on {@code 127.0.0.1:}{@value #UPSTREAM_PORT} and the
 * {@linkplain DemoJwksIssuer token issuer} on {@code 127.0.0.1:}{@value #ISSUER_PORT} (the ports
 * {@code gateway-examples/src/main/config/demo/demo-gateway.yaml} names), prints the {@linkplain TryIt curl lines}
 * for the gateway that {@code portcullis-gateway.jar} runs from that file, with a fresh token of the issuer, then
 * {@value #READY}, and serves until the JVM is asked to stop.
 *
 * <pre>{@code
 * java -cp gateway-examples.jar:... dev.portcullis.examples.demo.DemoServices 8080 8081   # gateway and admin port
 * java -jar portcullis-gateway.jar --port 8080 --admin-port 8081 --config demo-gateway.yaml
 * }</pre>
 */
public final class DemoServices implements AutoCloseable {
    /** The demo upstream's port, as the demo gateway file names it. */
    public static final int UPSTREAM_PORT = 9001;
    /** The token issuer's port, as the demo gateway file names it. */
    public static final int ISSUER_PORT = 9002;
    /** The last line printed once both servers listen. */
    public static final String READY = "demo services ready";

    private final DemoUpstream upstream;
    private final DemoJwksIssuer issuer;

    private DemoServices(DemoUpstream upstream, DemoJwksIssuer issuer) {
        this.upstream = upstream;
        this.issuer = issuer;
    }

    /**
     * @param upstreamPort the upstream's port on {@code 127.0.0.1}, 0 for any free one
     * @param issuerPort the issuer's port on {@code 127.0.0.1}, 0 for any free one
     * @return both servers, started; if the issuer cannot bind, the upstream is stopped again
     * @throws IOException if either cannot bind
     */
    public static DemoServices start(int upstreamPort, int issuerPort) throws IOException {
        DemoUpstream upstream = DemoUpstream.start(upstreamPort);
        try {
            return new DemoServices(upstream, DemoJwksIssuer.start(issuerPort));
        } catch (IOException | RuntimeException e) {
            upstream.close();
            throw e;
        }
    }

    /** @return the demo upstream */
    public DemoUpstream upstream() {
        return upstream;
    }

    /** @return the token issuer */
    public DemoJwksIssuer issuer() {
        return issuer;
    }

    /**
     * @param args the gateway's port (default 8080) and its admin port (default the gateway's port + 1), for the
     *     printed lines
     * @throws Exception if a server does not start
     */
    public static void main(String[] args) throws Exception {
        int port = Launch.port(args, 8080);
        int adminPort = Launch.port(args.length > 1 ? new String[] {args[1]} : new String[0], port + 1);
        DemoServices services = start(UPSTREAM_PORT, ISSUER_PORT);
        System.out.println("Demo upstream on " + services.upstream().baseUri() + ", token issuer's keys on "
                + services.issuer().jwksUri() + ". Try:");
        System.out.println();
        String token = services.issuer().token("alice", DemoGateway.SECURE_SCOPE, Duration.ofHours(1));
        TryIt.print(TryIt.forJar("http://127.0.0.1:" + port, "http://127.0.0.1:" + adminPort, token), System.out);
        System.out.println(READY);
        Launch.runUntilShutdown(services);
    }

    /** Stops the issuer, then the upstream. */
    @Override
    public void close() {
        issuer.close();
        upstream.close();
    }
}
