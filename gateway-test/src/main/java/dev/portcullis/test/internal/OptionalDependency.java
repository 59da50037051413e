package dev.portcullis.test.internal;

/**
 * Checks that an optional dependency of the kit is on the classpath before code that needs it is loaded, so a user
 * who lacks it reads which artifact to add instead of a {@link NoClassDefFoundError}.
 *
 * <pre>{@code
 * OptionalDependency.require("com.nimbusds.jose.JWSObject", "com.nimbusds:nimbus-jose-jwt", "The JWT helpers");
 * }</pre>
 */
public final class OptionalDependency {
    private OptionalDependency() {
    }

    /**
     * @param className a class the dependency holds
     * @return whether that class can be loaded by the kit's class loader
     */
    public static boolean present(String className) {
        try {
            Class.forName(className, false, OptionalDependency.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** @throws IllegalStateException naming Nimbus JOSE+JWT when the JWT helpers cannot run for its absence */
    public static void requireNimbus() {
        require("com.nimbusds.jose.JWSObject", "com.nimbusds:nimbus-jose-jwt (gateway-auth brings it)",
                "The JWT helpers of dev.portcullis.test.jwt");
    }

    /**
     * @param className a class the dependency holds
     * @param artifact the Maven coordinates to add, {@code group:artifact}
     * @param feature what needs it, the subject of the message
     * @throws IllegalStateException naming the artifact when the class is missing
     */
    public static void require(String className, String artifact, String feature) {
        if (!present(className)) {
            throw new IllegalStateException(feature + " need " + artifact + " on the test classpath: add it with "
                    + "<scope>test</scope> (gateway-test declares it optional)");
        }
    }
}
