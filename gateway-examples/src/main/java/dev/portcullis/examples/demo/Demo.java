package dev.portcullis.examples.demo;

import dev.portcullis.examples.jetty.JettyExample;

/**
 * The demo behind {@code ./demo}: starts the {@linkplain JettyExample Jetty example} (the app servlet, the gateway
 * filter and the demo upstream) on {@code 127.0.0.1} and prints {@code curl} lines to try, until Ctrl-C.
 *
 * <pre>{@code
 * ./demo            # port 8080
 * ./demo 9090       # another port
 * }</pre>
 */
public final class Demo {
    private Demo() {
    }

    /**
     * @param args an optional port, default 8080
     * @throws Exception if the app does not start
     */
    public static void main(String[] args) throws Exception {
        Launch.serve(args, "embedded Jetty 12", JettyExample::start);
    }
}
