package dev.portcullis.auth;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds public test vectors in the documented place only: {@code ../shared/testdata/} beside the project root (the
 * directory that holds the modules), never copied into the repository. Tests that need them skip when they are
 * absent.
 */
public final class SharedTestData {
    private SharedTestData() {
    }

    /**
     * @param relative a path under {@code shared/testdata}, e.g. {@code wycheproof/json_web_signature_test.json}
     * @return the readable file, or empty when the shared test data is not beside this checkout
     */
    public static Optional<Path> file(String relative) {
        Path projectRoot = Path.of("").toAbsolutePath().getParent();
        Path file = projectRoot.resolve("../shared/testdata").resolve(relative).normalize();
        return Files.isReadable(file) ? Optional.of(file) : Optional.empty();
    }
}
