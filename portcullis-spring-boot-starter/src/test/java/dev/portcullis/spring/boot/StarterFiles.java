package dev.portcullis.spring.boot;

import dev.portcullis.api.Interceptor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The gateway files and stages the starter's tests use. */
final class StarterFiles {
    /** A custom stage the files name: it stamps {@code X-Stamp: starter} on every request it passes on. */
    static final String STAMP = "stamp";

    private StarterFiles() {
    }

    /**
     * @param directory where to write
     * @param upstream the route's upstream base URI
     * @param stages the pipeline, e.g. {@code routing, guards}
     * @return {@code gateway.yaml}: route {@code api} on {@code /api/**} to the upstream; guards, when the pipeline
     *     has them, allowing GET only
     */
    static Path gatewayFile(Path directory, String upstream, String stages) {
        return write(directory.resolve("gateway.yaml"), "pipeline: [" + stages + "]\n"
                + "routes:\n"
                + "  - id: api\n"
                + "    path: /api/**\n"
                + "    upstreams: ['" + upstream + "']\n"
                + (stages.contains("guards") ? "guards: {allowedMethods: [GET]}\n" : ""));
    }

    static Path write(Path file, String text) {
        try {
            return Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the {@value #STAMP} stage */
    static Interceptor stamp() {
        return Interceptor.named("Stamp", chain -> chain.proceed(chain.request().toBuilder()
                .headers(chain.request().headers().toBuilder().set("X-Stamp", "starter").build()).build()));
    }
}
