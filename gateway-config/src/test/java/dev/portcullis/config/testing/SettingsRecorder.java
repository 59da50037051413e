package dev.portcullis.config.testing;

import dev.portcullis.api.ExchangeListener;
import dev.portcullis.api.Pipeline;
import dev.portcullis.core.ForwardedHeaders;
import dev.portcullis.core.Gateway;
import dev.portcullis.core.accesslog.AccessLog;
import dev.portcullis.core.client.UpstreamClient;
import dev.portcullis.core.trace.TracePolicy;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * A gateway settings builder that only records what it is told, so the gateway settings of a configuration file and
 * of its Java twin can be compared value by value (the access log, trace policy and upstream client by their
 * descriptions). It never builds a gateway.
 *
 * <pre>{@code
 * SettingsRecorder fromFile = config.applyTo(new SettingsRecorder());
 * assertEquals(FullTwin.settings(new SettingsRecorder(), dir).recorded(), fromFile.recorded());
 * }</pre>
 */
public final class SettingsRecorder extends Gateway.Settings<SettingsRecorder> {
    private final Map<String, String> recorded = new TreeMap<>();
    private final Map<String, Object> given = new TreeMap<>();

    /** @return every setting given, by name, except the pipeline */
    public Map<String, String> recorded() {
        return recorded;
    }

    /** @param name a setting @return the value last given to it, or null */
    public Object given(String name) {
        return given.get(name);
    }

    private SettingsRecorder record(String name, Object value) {
        given.put(name, value);
        recorded.merge(name, String.valueOf(value), (a, b) -> a + ", " + b);
        return this;
    }

    @Override
    public SettingsRecorder pipeline(Pipeline pipeline) {
        return this;
    }

    @Override
    public SettingsRecorder trustedProxies(String... cidrs) {
        return record("trustedProxies", Arrays.asList(cidrs));
    }

    @Override
    public SettingsRecorder upstreamClient(UpstreamClient client) {
        return record("upstreamClient", client);
    }

    @Override
    public SettingsRecorder requestIdHeader(String header) {
        return record("requestIdHeader", header);
    }

    @Override
    public SettingsRecorder viaPseudonym(String pseudonym) {
        return record("viaPseudonym", pseudonym);
    }

    @Override
    public SettingsRecorder forwardedHeaders(ForwardedHeaders family) {
        return record("forwardedHeaders", family);
    }

    @Override
    public SettingsRecorder allowEncodedSlash(boolean allow) {
        return record("allowEncodedSlash", allow);
    }

    @Override
    public SettingsRecorder maxInFlight(int max) {
        return record("maxInFlight", max);
    }

    @Override
    public SettingsRecorder drainTimeout(Duration timeout) {
        return record("drainTimeout", timeout);
    }

    @Override
    public SettingsRecorder allowTrace(boolean allow) {
        return record("allowTrace", allow);
    }

    @Override
    public SettingsRecorder allowUnderscoreHeaders(boolean allow) {
        return record("allowUnderscoreHeaders", allow);
    }

    @Override
    public SettingsRecorder maxUpstreamResponseHeadBytes(int bytes) {
        return record("maxUpstreamResponseHeadBytes", bytes);
    }

    @Override
    public SettingsRecorder listener(ExchangeListener listener) {
        return record("listener", listener);
    }

    @Override
    public SettingsRecorder accessLog(AccessLog log) {
        return record("accessLog", log);
    }

    @Override
    public SettingsRecorder traceContext(TracePolicy policy) {
        return record("traceContext", policy);
    }
}
