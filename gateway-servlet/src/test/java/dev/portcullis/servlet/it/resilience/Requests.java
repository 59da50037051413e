package dev.portcullis.servlet.it.resilience;

import dev.portcullis.api.routing.LoadBalancers;
import dev.portcullis.api.routing.Route;
import dev.portcullis.core.resilience.Resilience;
import dev.portcullis.servlet.it.RawHttp;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Builds the route under test and sends it requests, each on a connection of its own. */
final class Requests {
    private Requests() {
    }

    /** @return the route {@code api} on {@code /api/**} to the instances, round-robin, with these settings */
    static Route route(Resilience resilience, MisbehavingUpstream... instances) {
        Route.Builder route = Route.builder("api").path("/api/**").loadBalancer(LoadBalancers.roundRobin())
                .metadata(Resilience.KEY, resilience);
        for (MisbehavingUpstream instance : instances) {
            route.upstream(instance.baseUri());
        }
        return route.build();
    }

    static RawHttp.Response get(int port, String path) throws IOException {
        return RawHttp.exchange(port, "GET " + path + " HTTP/1.1\r\nHost: gw\r\nConnection: close\r\n\r\n");
    }

    static RawHttp.Response get(int port, String path, String header) throws IOException {
        return RawHttp.exchange(port, "GET " + path + " HTTP/1.1\r\nHost: gw\r\n" + header
                + "\r\nConnection: close\r\n\r\n");
    }

    /** @return the body of each answer, or its status when it is not 200 */
    static List<String> bodies(int port, String path, int count) throws IOException {
        List<String> answers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            RawHttp.Response response = get(port, path);
            answers.add(response.status() == 200 ? response.text() : String.valueOf(response.status()));
        }
        return answers;
    }
}
