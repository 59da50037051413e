package dev.portcullis.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A README.md code block right after a line {@code <!-- include: <path from the project root> -->} is that file,
 * character for character: the file compiles and runs as a test, so the block cannot rot. To change the block,
 * change the file and copy it into the README.
 */
class ReadmeIncludesTest {
    private static final Pattern INCLUDE =
            Pattern.compile("<!-- include: (\\S+) -->\\R```[a-z]*\\R(.*?)```", Pattern.DOTALL);
    private static final List<String> TESTING_SECTION = List.of(
            "gateway-examples/src/test/java/dev/portcullis/examples/custom/TenantInterceptorHttpTest.java",
            "gateway-examples/src/test/java/dev/portcullis/examples/custom/TenantFromTokenTest.java");

    @Test
    void everyIncludedBlockIsTheFileItNamesAndTheTestingSectionIncludesItsTests() throws IOException {
        Path root = Path.of(System.getProperty("basedir", "")).toAbsolutePath().normalize().getParent();
        Matcher block = INCLUDE.matcher(Files.readString(root.resolve("README.md")));
        List<String> included = new ArrayList<>();
        while (block.find()) {
            assertEquals(Files.readString(root.resolve(block.group(1))), block.group(2),
                    "the README block of " + block.group(1) + " differs from the file: copy the file into it");
            included.add(block.group(1));
        }
        assertTrue(included.containsAll(TESTING_SECTION), "README includes " + included);
    }
}
