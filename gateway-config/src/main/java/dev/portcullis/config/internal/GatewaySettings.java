package dev.portcullis.config.internal;

import dev.portcullis.api.Pipeline;
import dev.portcullis.config.internal.model.SettingsModel;
import dev.portcullis.core.ForwardedHeaders;
import dev.portcullis.core.Gateway;
import dev.portcullis.core.accesslog.AccessLog;
import dev.portcullis.core.client.UpstreamClient;
import dev.portcullis.core.client.UpstreamRequest;
import dev.portcullis.core.client.UpstreamResponse;
import dev.portcullis.core.trace.TracePolicy;
import java.util.concurrent.CompletableFuture;

/**
 * Applies the {@code gateway} section (with the access log and trace policy built from it) to any builder of
 * {@code Gateway.Settings}, and checks it at load time by
 * building a throw-away {@link Gateway} over a client that never sends, so {@code buildGateway()}'s own checks
 * (header names, CIDR blocks, limits) run now and point at the section, not later at startup.
 *
 * <pre>{@code
 * GatewaySettings settings = new GatewaySettings(model.gateway(), accessLog, tracePolicy);
 * settings.check(context, pipeline);
 * settings.applyTo(GatewayFilter.builder().pipeline(pipeline)).build();
 * }</pre>
 */
public final class GatewaySettings {
    private static final UpstreamClient NEVER_SENDS = new UpstreamClient() {
        @Override
        public CompletableFuture<UpstreamResponse> exchange(UpstreamRequest request) {
            return CompletableFuture.failedFuture(new IllegalStateException("a configuration check never sends"));
        }

        @Override
        public void close() {
            // nothing to close
        }
    };

    private final SettingsModel section;
    private final AccessLog accessLog;
    private final TracePolicy traceContext;

    /**
     * @param section the {@code gateway} section, or null for the defaults
     * @param accessLog the access log built from {@code gateway.accessLog}, or null
     * @param traceContext the policy of {@code gateway.traceContext}, or null to keep the default
     */
    public GatewaySettings(SettingsModel section, AccessLog accessLog, TracePolicy traceContext) {
        this.section = section;
        this.accessLog = accessLog;
        this.traceContext = traceContext;
    }

    /**
     * @param settings a gateway or filter builder
     * @param <B> its type
     * @return the builder, with every setting the section names
     */
    public <B extends Gateway.Settings<B>> B applyTo(B settings) {
        if (accessLog != null) {
            settings.accessLog(accessLog);
        }
        if (traceContext != null) {
            settings.traceContext(traceContext);
        }
        if (section == null) {
            return settings;
        }
        if (section.trustedProxies() != null) {
            settings.trustedProxies(section.trustedProxies().toArray(String[]::new));
        }
        if (section.forwardedHeaders() != null) {
            settings.forwardedHeaders(section.forwardedHeaders() == SettingsModel.ForwardedFamily.FORWARDED
                    ? ForwardedHeaders.FORWARDED : ForwardedHeaders.X_FORWARDED);
        }
        if (section.requestIdHeader() != null) {
            settings.requestIdHeader(section.requestIdHeader());
        }
        if (section.viaPseudonym() != null) {
            settings.viaPseudonym(section.viaPseudonym());
        }
        if (section.allowEncodedSlash() != null) {
            settings.allowEncodedSlash(section.allowEncodedSlash());
        }
        if (section.allowTrace() != null) {
            settings.allowTrace(section.allowTrace());
        }
        if (section.allowUnderscoreHeaders() != null) {
            settings.allowUnderscoreHeaders(section.allowUnderscoreHeaders());
        }
        if (section.maxUpstreamResponseHead() != null) {
            settings.maxUpstreamResponseHeadBytes(section.maxUpstreamResponseHead().intBytes());
        }
        if (section.maxInFlight() != null) {
            settings.maxInFlight(section.maxInFlight());
        }
        if (section.drainTimeout() != null) {
            settings.drainTimeout(section.drainTimeout());
        }
        return settings;
    }

    /**
     * @param context the load, whose findings get what the gateway's builder refuses
     * @param pipeline the file's pipeline
     */
    void check(AssemblyContext context, Pipeline pipeline) {
        if (section != null) {
            context.attemptIn(section, () -> new GatewaySettings(section, null, traceContext)
                    .applyTo(Gateway.builder().pipeline(pipeline).upstreamClient(NEVER_SENDS)).build());
        }
    }
}
