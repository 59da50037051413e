package dev.portcullis.config.internal;

import dev.portcullis.config.internal.bind.Origin;
import dev.portcullis.config.internal.tree.Findings;

/**
 * Loads a feature's part of the assembly by class name, and only after checking that the feature module is on the
 * class path: a file that uses no authentication never loads a class that names gateway-auth, and a file that does
 * without the module gets a finding naming the artifact to add instead of a {@code NoClassDefFoundError}.
 *
 * <pre>{@code
 * AuthFeature auth = Features.load(Features.AUTH, AuthFeature.class, origin, findings);
 * }</pre>
 */
public final class Features {
    /** gateway-auth. */
    public static final Module AUTH = new Module("dev.portcullis:gateway-auth",
            "dev.portcullis.auth.jwt.JwtAuthenticator", "dev.portcullis.config.internal.auth.AuthAssembler");
    /** gateway-ratelimit. */
    public static final Module RATE_LIMIT = new Module("dev.portcullis:gateway-ratelimit",
            "dev.portcullis.ratelimit.PolicyRateLimiter",
            "dev.portcullis.config.internal.ratelimit.RateLimitAssembler");
    /** gateway-jsonschema. */
    public static final Module JSON_SCHEMA = new Module("dev.portcullis:gateway-jsonschema",
            "dev.portcullis.jsonschema.JsonSchemaValidator",
            "dev.portcullis.config.internal.jsonschema.ValidationAssembler");
    /** gateway-jetty-client. */
    public static final Module JETTY_CLIENT = new Module("dev.portcullis:gateway-jetty-client",
            "dev.portcullis.client.jetty.JettyUpstreamClient", "dev.portcullis.config.internal.jetty.JettyClients");

    /** Lettuce and Bucket4j's Lettuce integration, the optional dependencies of a Redis bucket store. */
    public static final Module LETTUCE = new Module(
            "io.lettuce:lettuce-core and com.bucket4j:bucket4j_jdk17-lettuce",
            "io.github.bucket4j.redis.lettuce.Bucket4jLettuce", null);

    private Features() {
    }

    /**
     * @param module the feature module
     * @param type the feature's interface
     * @param usedAt the first setting that needs the module, for the finding
     * @param findings where a missing module is reported
     * @param <T> the feature's interface
     * @return a new instance of the feature's part, or null when the module is missing
     */
    public static <T> T load(Module module, Class<T> type, Origin usedAt, Findings findings) {
        if (!present(module, usedAt, findings)) {
            return null;
        }
        try {
            return type.cast(Class.forName(module.implementation(), true, Features.class.getClassLoader())
                    .getDeclaredConstructor().newInstance());
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new IllegalStateException("cannot load " + module.implementation(), e);
        }
    }

    /**
     * @param module a module
     * @param usedAt the first setting that needs it
     * @param findings where a missing module is reported
     * @return whether it is on the class path
     */
    public static boolean present(Module module, Origin usedAt, Findings findings) {
        try {
            Class.forName(module.probe(), false, Features.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            findings.add(usedAt.location(), usedAt.path(), "'" + usedAt.path() + "' needs " + module.artifact()
                    + " on the class path");
            return false;
        }
    }

    /**
     * A feature module.
     *
     * @param artifact its Maven coordinates, for the message
     * @param probe a class it holds
     * @param implementation the class of gateway-config that maps the feature, or null for a plain dependency
     */
    public record Module(String artifact, String probe, String implementation) {
    }
}
