package dev.portcullis.launcher;

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
 * docs/launcher.md cannot rot: each block after {@code <!-- include: <path from the project root> -->} is that file
 * (a compiled source, or the example file the tests run the jar with), and its {@code --help} block is
 * {@link LauncherOptions#USAGE}.
 */
class LauncherDocsTest {
    private static final Pattern INCLUDE =
            Pattern.compile("<!-- include: (\\S+) -->\\R```[a-z]*\\R(.*?)```", Pattern.DOTALL);
    private static final Path ROOT =
            Path.of(System.getProperty("basedir", "")).toAbsolutePath().normalize().getParent();

    private static String guide() throws IOException {
        return Files.readString(ROOT.resolve("docs/launcher.md"));
    }

    @Test
    void everyIncludedBlockIsTheFileItNamesAndTheExampleAndTheCustomStageAreIncluded() throws IOException {
        Matcher block = INCLUDE.matcher(guide());
        List<String> included = new ArrayList<>();
        while (block.find()) {
            assertEquals(Files.readString(ROOT.resolve(block.group(1))), block.group(2),
                    "the block of " + block.group(1) + " differs from the file: copy the file into docs/launcher.md");
            included.add(block.group(1));
        }
        assertEquals(List.of("gateway-launcher/" + LauncherConfigTest.EXAMPLE,
                "gateway-launcher/src/test/java/dev/portcullis/launcher/StampStageProvider.java"), included);
    }

    @Test
    void theGuideShowsTheHelpOutputAsItIs() throws IOException {
        assertTrue(guide().contains("```text\n" + LauncherOptions.USAGE + "\n```"),
                "copy LauncherOptions.USAGE (java -jar portcullis-gateway.jar --help) into docs/launcher.md");
    }
}
