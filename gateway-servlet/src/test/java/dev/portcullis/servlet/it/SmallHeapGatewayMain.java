package dev.portcullis.servlet.it;

import dev.portcullis.api.routing.Route;

/**
 * A gateway for {@link GigabyteTest}, run in its own small-heap JVM: starts the given container with a
 * {@code GatewayFilter} routing {@code /api/**} to the given upstream (with a response timeout long enough for the
 * upstream to read the whole upload before it answers: the JDK client counts it from the start of the exchange), prints {@code PORT <port>} on stdout, and
 * stops when stdin closes.
 */
public final class SmallHeapGatewayMain {
    private SmallHeapGatewayMain() {
    }

    /**
     * @param args the container name ({@code JETTY} or {@code TOMCAT}) and the upstream base URI
     * @throws Exception if the container fails
     */
    public static void main(String[] args) throws Exception {
        ServletContainer container = ServletContainer.valueOf(args[0]);
        try (RunningServer server = container.start(Gateways.routing(Route.builder("big").path("/api/**")
                .upstream(args[1]).responseTimeout(java.time.Duration.ofSeconds(5)).build()), new AppServlet())) {
            System.out.println("PORT " + server.port());
            System.out.flush();
            while (System.in.read() >= 0) {
                Thread.onSpinWait();
            }
        }
    }
}
