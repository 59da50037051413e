package dev.portcullis.config.internal;

import dev.portcullis.api.Pipeline;
import dev.portcullis.core.Gateway;
import dev.portcullis.core.client.UpstreamClient;

/**
 * What one load produced: the pipeline, the gateway settings, the upstream client the file asked for, and the
 * stateful components (to carry over or close later).
 *
 * <pre>{@code
 * Assembly assembly = Assembler.load(text, "gateway.yaml", options, null);
 * GatewayFilter filter = assembly.applyTo(GatewayFilter.builder()).build();
 * }</pre>
 *
 * @param pipeline the stages
 * @param settings the gateway section
 * @param client the client the file names, or null to keep the gateway's own
 * @param components the stateful parts
 */
public record Assembly(Pipeline pipeline, GatewaySettings settings, UpstreamClient client, Components components) {
    /**
     * @param builder a gateway or filter builder
     * @param <B> its type
     * @return the builder with the pipeline, the settings and the file's client
     */
    public <B extends Gateway.Settings<B>> B applyTo(B builder) {
        settings.applyTo(builder.pipeline(pipeline));
        return client == null ? builder : builder.upstreamClient(client);
    }
}
