package dev.portcullis.launcher;

import dev.portcullis.api.Interceptor;
import dev.portcullis.config.InterceptorProvider;
import java.util.Map;

/**
 * A custom stage as a user ships it in a jar of their own: {@code stamp} puts {@code X-Stamp: <value>} on every
 * answer. Registered in {@code META-INF/services/dev.portcullis.config.InterceptorProvider} of the test classes, which
 * {@link GatewayJarIT} puts on the class path next to {@code portcullis-gateway.jar}.
 *
 * <pre>
 * pipeline: [routing, stamp]
 * interceptors:
 *   stamp: {value: from-my-jar}
 * </pre>
 */
public final class StampStageProvider implements InterceptorProvider {
    /** The header the stage sets. */
    public static final String HEADER = "X-Stamp";

    @Override
    public String name() {
        return "stamp";
    }

    @Override
    public Interceptor create(Map<String, Object> settings) {
        String value = String.valueOf(settings.get("value"));
        return Interceptor.named("Stamp", chain -> chain.proceed(chain.request())
                .thenApply(response -> response.withHeader(HEADER, value)));
    }
}
