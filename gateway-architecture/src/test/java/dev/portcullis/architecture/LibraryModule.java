package dev.portcullis.architecture;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Optional;

/**
 * The library modules, each known by the package root its main classes live under. A class belongs to the module
 * whose root is the longest prefix of its package; examples and benchmarks are not library modules and are not
 * analysed.
 */
enum LibraryModule {
    API("gateway-api", "dev.portcullis.api"),
    CORE("gateway-core", "dev.portcullis.core"),
    SERVLET("gateway-servlet", "dev.portcullis.servlet"),
    AUTH("gateway-auth", "dev.portcullis.auth"),
    RATELIMIT("gateway-ratelimit", "dev.portcullis.ratelimit"),
    JSONSCHEMA("gateway-jsonschema", "dev.portcullis.jsonschema"),
    JETTY_CLIENT("gateway-jetty-client", "dev.portcullis.client.jetty"),
    MICROMETER("gateway-micrometer", "dev.portcullis.micrometer"),
    OTEL("gateway-otel", "dev.portcullis.otel"),
    CONFIG("gateway-config", "dev.portcullis.config"),
    TEST("gateway-test", "dev.portcullis.test"),
    SPRING_BOOT("portcullis-spring-boot-starter", "dev.portcullis.spring.boot");

    /**
     * The modules that each add one feature or integration and keep its third-party library to themselves (the
     * metrics and tracing modules read the gateway only through the api and core, like the features).
     */
    static final LibraryModule[] FEATURES = {AUTH, RATELIMIT, JSONSCHEMA, JETTY_CLIENT, MICROMETER, OTEL};

    final String artifactId;
    final String packageRoot;

    LibraryModule(String artifactId, String packageRoot) {
        this.artifactId = artifactId;
        this.packageRoot = packageRoot;
    }

    /** The ArchUnit package identifier of the module's packages: {@code dev.portcullis.core..}. */
    String packages() {
        return packageRoot + "..";
    }

    boolean owns(String packageName) {
        return packageName.equals(packageRoot) || packageName.startsWith(packageRoot + ".");
    }

    /** The module a package belongs to, if it lies under one of the library roots. */
    static Optional<LibraryModule> of(String packageName) {
        return Arrays.stream(values())
                .filter(module -> module.owns(packageName))
                .max(Comparator.comparingInt(module -> module.packageRoot.length()));
    }

    static String[] packageRoots() {
        return Arrays.stream(values()).map(module -> module.packageRoot).toArray(String[]::new);
    }

    @Override
    public String toString() {
        return artifactId;
    }
}
