package dev.portcullis.examples.demo;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A started example app: its port on {@code 127.0.0.1} and what to stop when it is closed (the servlet container,
 * then the demo upstream). Closing twice is harmless only if each resource tolerates it; close once.
 *
 * <pre>{@code
 * try (RunningApp app = JettyExample.start(0)) {
 *     HttpResponse<String> hello = client.send(HttpRequest.newBuilder(app.uri("/hello")).build(), ofString());
 * }
 * }</pre>
 */
public final class RunningApp implements AutoCloseable {
    private final int port;
    private final List<AutoCloseable> resources;

    /**
     * @param port the port the app listens on
     * @param resources what to close, in this order
     */
    public RunningApp(int port, AutoCloseable... resources) {
        this(port, List.of(resources));
    }

    private RunningApp(int port, List<AutoCloseable> resources) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port: not a bound port: " + port);
        }
        this.port = port;
        this.resources = List.copyOf(resources);
    }

    /**
     * Starts a demo upstream, then the server {@code start} builds in front of it; if the server fails to start,
     * the upstream is stopped again.
     *
     * @param start starts a servlet container given the demo upstream's base URI
     * @return the app, which also stops the upstream when closed
     * @throws Exception if either fails to start
     */
    public static RunningApp withDemoUpstream(ServerStart start) throws Exception {
        Objects.requireNonNull(start, "start");
        DemoUpstream upstream = DemoUpstream.start(0);
        try {
            RunningApp server = start.start(upstream.baseUri());
            List<AutoCloseable> all = new ArrayList<>(server.resources);
            all.add(upstream);
            return new RunningApp(server.port, all);
        } catch (Exception | Error e) {
            upstream.close();
            throw e;
        }
    }

    /** @return the port on {@code 127.0.0.1} */
    public int port() {
        return port;
    }

    /**
     * @param rawPathAndQuery a target such as {@code /api/orders?x=1}, used as given
     * @return the absolute URI on this app
     */
    public URI uri(String rawPathAndQuery) {
        return URI.create(baseUri() + rawPathAndQuery);
    }

    /** @return {@code http://127.0.0.1:port} */
    public String baseUri() {
        return "http://127.0.0.1:" + port;
    }

    /** Stops every resource in order; the first failure is thrown after all were tried. */
    @Override
    public void close() throws Exception {
        Exception failure = null;
        for (AutoCloseable resource : resources) {
            try {
                resource.close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** Starts a servlet container in front of an upstream. */
    @FunctionalInterface
    public interface ServerStart {
        /**
         * @param upstreamBaseUri the demo upstream, e.g. {@code http://127.0.0.1:41234}
         * @return the started container
         * @throws Exception if it does not start
         */
        RunningApp start(String upstreamBaseUri) throws Exception;
    }
}
