package dev.portcullis.servlet.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portcullis.api.Interceptor;
import dev.portcullis.api.Pipeline;
import dev.portcullis.api.routing.InstanceStates;
import dev.portcullis.api.routing.Route;
import dev.portcullis.api.routing.Routing;
import dev.portcullis.api.routing.Upstream;
import dev.portcullis.core.Gateway;
import java.util.function.Supplier;

/**
 * Renders the admin view of a gateway as JSON, from its public read-only state only: the configuration version, the
 * pipeline's stage names, and per route its id, path pattern, timeouts and upstream instances with weight and state.
 * Nothing else is read, so no secret (keys, tokens, store URLs, route metadata values) can appear. Thread-safe.
 */
final class AdminDocument {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Gateway gateway;
    private final Supplier<String> configVersion;
    private final InstanceStates states;

    AdminDocument(Gateway gateway, Supplier<String> configVersion, InstanceStates states) {
        this.gateway = gateway;
        this.configVersion = configVersion;
        this.states = states;
    }

    /** @return {@code {"configVersion":...,"ready":...,"pipeline":[...],"routes":[...]}} */
    byte[] render(boolean ready) {
        Pipeline pipeline = gateway.pipeline();
        ObjectNode document = JSON.createObjectNode();
        document.put("configVersion", configVersion.get());
        document.put("ready", ready);
        ArrayNode stages = document.putArray("pipeline");
        for (Interceptor interceptor : pipeline.interceptors()) {
            stages.add(interceptor.name());
        }
        ArrayNode routes = document.putArray("routes");
        for (Route route : Routing.routes(pipeline)) {
            routes.add(route(route));
        }
        return bytes(document);
    }

    private ObjectNode route(Route route) {
        ObjectNode node = JSON.createObjectNode();
        node.put("id", route.id());
        node.put("path", route.pathPattern());
        node.put("connectTimeoutMs", route.connectTimeout().toMillis());
        node.put("responseTimeoutMs", route.responseTimeout().toMillis());
        node.put("idleTimeoutMs", route.idleTimeout().toMillis());
        node.put("preserveHost", route.preserveHost());
        ArrayNode upstreams = node.putArray("upstreams");
        for (Upstream instance : route.upstreams().instances()) {
            upstreams.addObject()
                    .put("uri", instance.uri().toString())
                    .put("weight", instance.weight())
                    .put("state", state(route, instance));
        }
        return node;
    }

    private String state(Route route, Upstream instance) {
        try {
            String state = states.state(route, instance);
            return state == null ? "unknown" : state;
        } catch (RuntimeException e) {
            return "unknown";
        }
    }

    /** @return {@code {"status":"UP"}} or {@code {"status":"DOWN"}} */
    static byte[] status(boolean up) {
        return bytes(JSON.createObjectNode().put("status", up ? "UP" : "DOWN"));
    }

    private static byte[] bytes(ObjectNode document) {
        try {
            return JSON.writeValueAsBytes(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the admin document", e);
        }
    }
}
