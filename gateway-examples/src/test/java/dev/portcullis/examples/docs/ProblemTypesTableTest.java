package dev.portcullis.examples.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.portcullis.api.ProblemTypes;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The README's problem-types table lists exactly the types the code can answer with: every constant of
 * {@link ProblemTypes}, and every {@code https://portcullis.dev/problems/...} literal in a module's main sources
 * (the {@code not-found} of the launcher, the test kit and the admin view).
 */
class ProblemTypesTableTest {
    private static final String BASE = "https://portcullis.dev/problems/";
    private static final Pattern LITERAL = Pattern.compile("\"" + Pattern.quote(BASE) + "([a-z0-9-]+)\"");
    private static final Pattern ROW = Pattern.compile("^\\| `([a-z0-9-]+)` \\|", Pattern.MULTILINE);

    @Test
    void theReadmeTableListsEveryProblemTypeTheCodeDefinesAndNoOther() throws Exception {
        assertEquals(typesInTheCode(), typesInTheTable());
    }

    private static Set<String> typesInTheTable() throws IOException {
        String readme = Files.readString(MarkdownBlocks.ROOT.resolve("README.md"));
        int start = readme.indexOf("\n## Problem types\n");
        String section = readme.substring(start, readme.indexOf("\n## ", start + 1));
        Set<String> types = new TreeSet<>();
        ROW.matcher(section).results().forEach(row -> types.add(row.group(1)));
        return types;
    }

    private static Set<String> typesInTheCode() throws IOException, IllegalAccessException {
        Set<String> types = new TreeSet<>();
        for (Field field : ProblemTypes.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                types.add(((String) field.get(null)).substring(BASE.length()));
            }
        }
        try (Stream<Path> files = Files.walk(MarkdownBlocks.ROOT)) {
            for (Path file : files.filter(path -> path.toString().endsWith(".java"))
                    .filter(path -> path.toString().contains("/src/main/java/")).toList()) {
                Matcher literal = LITERAL.matcher(Files.readString(file));
                while (literal.find()) {
                    types.add(literal.group(1));
                }
            }
        }
        return types;
    }
}
