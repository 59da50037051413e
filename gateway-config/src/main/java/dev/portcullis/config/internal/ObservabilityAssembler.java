package dev.portcullis.config.internal;

import dev.portcullis.config.internal.model.AccessLogModel;
import dev.portcullis.config.internal.model.RouteAccessLogModel;
import dev.portcullis.config.internal.model.SettingsModel;
import dev.portcullis.config.internal.model.TraceContextModel;
import dev.portcullis.core.accesslog.AccessLog;
import dev.portcullis.core.accesslog.AccessLogFormat;
import dev.portcullis.core.accesslog.AccessLogSampling;
import dev.portcullis.core.trace.TracePolicy;

/**
 * Maps {@code gateway.accessLog}, {@code gateway.traceContext} and a route's {@code accessLog} onto
 * {@link AccessLog.Builder}, {@link TracePolicy} and {@link AccessLogSampling}. The access log is a stateful part (its
 * writer thread): a reload with the same settings keeps it, so the gateway keeps writing through it; changed
 * settings build a new one, and the gateway closes the replaced one once the exchanges that used it have ended.
 *
 * <pre>{@code
 * ObservabilityAssembler observability = new ObservabilityAssembler(context);
 * new GatewaySettings(model.gateway(), observability.accessLog(), observability.traceContext());
 * }</pre>
 */
final class ObservabilityAssembler {
    private final AssemblyContext context;

    /** @param context the load */
    ObservabilityAssembler(AssemblyContext context) {
        this.context = context;
    }

    /** @return the file's access log, or null when it has none, it is switched off, or it failed */
    AccessLog accessLog() {
        SettingsModel gateway = context.model().gateway();
        AccessLogModel section = gateway == null ? null : gateway.accessLog();
        if (section == null || Boolean.FALSE.equals(section.enabled())) {
            return null;
        }
        return context.components().get("accessLog", "accessLog", section, () -> build(section));
    }

    private AccessLog build(AccessLogModel section) {
        AccessLog.Builder log = AccessLog.builder();
        context.set(section, "format", section.format(), format -> log.format(
                format == AccessLogModel.Format.JSON ? AccessLogFormat.json() : AccessLogFormat.text()));
        context.set(section, "sampleRate", section.sampleRate(), rate -> log.sampling(AccessLogSampling.rate(rate)));
        context.set(section, "includeQuery", section.includeQuery(), log::includeQuery);
        context.set(section, "redactQueryParameters", section.redactQueryParameters(),
                names -> log.redactQueryParameters(names.toArray(String[]::new)));
        context.set(section, "includeSubject", section.includeSubject(), log::includeSubject);
        context.set(section, "queueCapacity", section.queueCapacity(), log::queueCapacity);
        return context.findings().isEmpty() ? context.attemptIn(section, log::build) : null;
    }

    /** @return the file's trace context policy, or null to keep the gateway's default */
    TracePolicy traceContext() {
        SettingsModel gateway = context.model().gateway();
        TraceContextModel section = gateway == null ? null : gateway.traceContext();
        if (section == null) {
            return null;
        }
        TracePolicy policy = context.attempt(context.at(section, "trustedCallers"), () -> policy(section));
        if (policy == null || section.sampleRate() == null) {
            return policy;
        }
        return context.attempt(context.at(section, "sampleRate"), () -> policy.withSampleRate(section.sampleRate()));
    }

    private static TracePolicy policy(TraceContextModel section) {
        switch (section.policy()) {
            case RESTART:
                return TracePolicy.restart();
            case IGNORE:
                return TracePolicy.ignore();
            case OFF:
                return TracePolicy.off();
            default:
                return section.trustedCallers() == null ? TracePolicy.trust()
                        : TracePolicy.trust(section.trustedCallers().toArray(String[]::new));
        }
    }

    /**
     * @param section a route's {@code accessLog}
     * @return its sampling, or null when the rate is refused (the findings say why)
     */
    AccessLogSampling sampling(RouteAccessLogModel section) {
        if (Boolean.FALSE.equals(section.enabled())) {
            return AccessLogSampling.off();
        }
        if (section.sampleRate() == null) {
            return AccessLogSampling.all();
        }
        return context.attempt(context.at(section, "sampleRate"), () -> AccessLogSampling.rate(section.sampleRate()));
    }
}
