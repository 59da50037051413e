package dev.portcullis.config.internal;

import dev.portcullis.api.Interceptor;
import dev.portcullis.api.auth.Authenticator;
import java.util.Map;

/**
 * The file's authentication sections, mapped onto gateway-auth. The implementation lives in
 * {@code dev.portcullis.config.internal.auth} and is loaded by name only when the file uses gateway-auth.
 *
 * <pre>{@code
 * Map<String, Authenticator> byName = auth.authenticators(context);
 * Interceptor claimHeaders = auth.claimHeaders(context);
 * }</pre>
 */
public interface AuthFeature {
    /**
     * @param context the load
     * @return the file's authenticators by name, reused from the previous load where their section is unchanged;
     *     a failed one is missing and a finding says why
     */
    Map<String, Authenticator> authenticators(AssemblyContext context);

    /**
     * @param context the load
     * @return the claimHeaders stage, or null when it failed
     */
    Interceptor claimHeaders(AssemblyContext context);
}
