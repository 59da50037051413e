package dev.portcullis.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Writes configuration files into a test's directory and loads them. */
final class ConfigFiles {
    private final Path directory;
    private final Map<String, String> environment;

    ConfigFiles(Path directory) {
        this(directory, Map.of());
    }

    ConfigFiles(Path directory, Map<String, String> environment) {
        this.directory = directory;
        this.environment = environment;
    }

    /** @return the loader the tests use: this environment, no custom stages */
    GatewayConfig.Loader loader() {
        return GatewayConfig.loader().environment(environment::get);
    }

    /** @param lines the file, one string per line @return its path, {@code gateway.yaml} in the directory */
    Path write(String... lines) {
        return writeFile("gateway.yaml", lines);
    }

    Path writeFile(String name, String... lines) {
        Path file = directory.resolve(name);
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, String.join("\n", lines) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    GatewayConfig load(String... lines) {
        return loader().load(write(lines));
    }

    /** @return the problems of loading the file, each as printed: {@code gateway.yaml:L:C: path: message} */
    List<String> problems(String... lines) {
        return loader().check(write(lines)).stream().map(ConfigProblem::toString)
                .map(text -> text.replace(directory.toString() + "/", "")).collect(Collectors.toList());
    }
}
