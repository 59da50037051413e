package dev.portcullis.examples.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portcullis.config.ConfigProblem;
import dev.portcullis.config.GatewayConfig;
import dev.portcullis.config.InterceptorRegistry;
import dev.portcullis.examples.docs.MarkdownBlocks.Block;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Every code block of README.md and docs/*.md is compiled or run by a test, so the documentation cannot rot:
 * <ul>
 *   <li>a block right after {@code <!-- include: path -->} equals that file, character for character, and one
 *       after {@code <!-- include: path#tag -->} the file's region between {@code tag::tag[]} and {@code end::tag[]}
 *       (see {@link IncludedSource}). To change such a block, change the file and copy it into the Markdown;</li>
 *   <li>a {@code java} block must be such an include of a compiled source file (main or test of a module);</li>
 *   <li>a {@code yaml} block without an include is a configuration file that passes the loader's checks, or, when
 *       a plain block follows it directly, one whose problems are exactly that block's lines (an included YAML file,
 *       such as a Spring Boot {@code application.yaml}, is checked by the test of whoever ships it);</li>
 *   <li>a {@code json} block is well-formed JSON; an {@code xml} block is well-formed, names only modules that exist
 *       at the project's version, and only third-party dependency and plugin versions the parent pom pins.</li>
 * </ul>
 * Shell and console blocks are free-form.
 */
class DocsCodeBlocksTest {
    /** What the configuration examples refer to: secrets by environment variable (files are made in a directory). */
    private static final Map<String, String> ENVIRONMENT = Map.of("REPORTING_KEY", "reporting-key",
            "REPORTING_API_KEY", "reporting-key", "REDIS_URL", "redis://127.0.0.1:1", "JWT_SECRET",
            "a-secret-of-at-least-thirty-two-bytes!!");
    private static final Path CONFIG_EXAMPLES = MarkdownBlocks.ROOT.resolve("gateway-examples/src/main/config");
    private static final String QUICK_START =
            "gateway-examples/src/main/java/dev/portcullis/examples/quickstart/QuickStart.java";
    private static final Pattern VERSION = Pattern.compile("<([a-zA-Z0-9.-]+)>([^<$]+)</\\1>");

    @TempDir
    Path directory;

    @Test
    void everyIncludedBlockIsTheFileOrTheTaggedRegionItNames() throws IOException {
        List<String> wrong = new ArrayList<>();
        for (Block block : MarkdownBlocks.all()) {
            if (block.include().isEmpty()) {
                continue;
            }
            String include = block.include().get();
            if (!Files.isRegularFile(MarkdownBlocks.ROOT.resolve(IncludedSource.path(include)))) {
                wrong.add(block.where() + ": no file " + include);
                continue;
            }
            try {
                if (!IncludedSource.text(MarkdownBlocks.ROOT, include).equals(block.text())) {
                    wrong.add(block.where() + ": differs from " + include + ": copy it into the block");
                }
            } catch (IllegalArgumentException e) {
                wrong.add(block.where() + ": " + include + ": " + e.getMessage());
            }
        }
        assertEquals(List.of(), wrong);
    }

    @Test
    void everyJavaBlockIsIncludedFromACompiledSourceFile() {
        List<String> wrong = MarkdownBlocks.all().stream().filter(block -> block.language().equals("java"))
                .filter(block -> block.include().map(IncludedSource::path)
                        .filter(path -> path.matches("[a-z0-9-]+/src/(main|test)/java/.+\\.java")).isEmpty())
                .map(block -> block.where() + ": a java block needs a line <!-- include: <module>/src/main|test/"
                        + "java/...java[#tag] --> before it")
                .toList();
        assertEquals(List.of(), wrong);
    }

    @Test
    void theReadmeQuickStartIsTheClassThatQuickStartTestRuns() {
        assertEquals(1, MarkdownBlocks.of(MarkdownBlocks.ROOT.resolve("README.md")).stream()
                .filter(block -> block.include().equals(Optional.of(QUICK_START))).count());
    }

    @Test
    void everyYamlBlockNotIncludedPassesTheLoadersChecksOrShowsExactlyItsProblems() throws IOException {
        Files.createDirectories(directory.resolve("schemas"));
        Files.writeString(directory.resolve("schemas/order.json"), "{\"type\": \"object\"}");
        copy(CONFIG_EXAMPLES.resolve("keys"), directory.resolve("keys"));
        Files.copy(CONFIG_EXAMPLES.resolve("keys/api-keys.json"), directory.resolve("keys.json"));
        GatewayConfig.Loader loader = GatewayConfig.loader().environment(ENVIRONMENT::get)
                .interceptors(InterceptorRegistry.builder().discover(getClass().getClassLoader()).build());
        List<Block> blocks = MarkdownBlocks.all();
        for (int i = 0; i < blocks.size(); i++) {
            Block block = blocks.get(i);
            if (!block.language().equals("yaml") || block.include().isPresent()) {
                continue;
            }
            Optional<Block> next = i + 1 < blocks.size() && blocks.get(i + 1).followsBlock()
                    && blocks.get(i + 1).language().isEmpty() ? Optional.of(blocks.get(i + 1)) : Optional.empty();
            Path file = Files.writeString(directory.resolve("gateway.yaml"), block.text());
            String problems = loader.check(file).stream().map(ConfigProblem::toString)
                    .map(problem -> problem.replace(file.toString(), "gateway.yaml"))
                    .collect(Collectors.joining("\n"));
            assertEquals(next.map(output -> output.text().strip()).orElse(""), problems, block.where());
        }
    }

    @Test
    void everyJsonBlockIsWellFormed() throws IOException {
        ObjectMapper json = new ObjectMapper();
        for (Block block : MarkdownBlocks.all()) {
            if (block.language().equals("json")) {
                json.readTree(block.text());
            }
        }
    }

    @Test
    void everyXmlBlockIsWellFormedAndNamesRealModulesAndPinnedVersions() throws Exception {
        String parent = Files.readString(MarkdownBlocks.ROOT.resolve("pom.xml"));
        String projectVersion = element(parent, "version");          // the root pom has no parent
        Set<String> pinned = VERSION.matcher(parent).results().map(match -> match.group(2).strip())
                .collect(Collectors.toSet());                     // properties and plugin versions
        List<String> wrong = new ArrayList<>();
        for (Block block : MarkdownBlocks.all()) {
            if (!block.language().equals("xml")) {
                continue;
            }
            Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                    .parse(new ByteArrayInputStream(("<root>" + block.text() + "</root>")
                            .getBytes(StandardCharsets.UTF_8)));
            for (Element dependency : elements(xml, "dependency", "plugin")) {
                String group = text(dependency, "groupId");
                String artifact = text(dependency, "artifactId");
                String version = text(dependency, "version");
                if (group.equals("dev.portcullis")) {
                    if (!Files.isRegularFile(MarkdownBlocks.ROOT.resolve(artifact).resolve("pom.xml"))) {
                        wrong.add(block.where() + ": no module " + artifact);
                    }
                    if (!version.isEmpty() && !version.equals(projectVersion)) {
                        wrong.add(block.where() + ": " + artifact + " " + version + ", the project is at "
                                + projectVersion);
                    }
                } else if (!version.isEmpty() && !pinned.contains(version)) {
                    wrong.add(block.where() + ": " + group + ":" + artifact + ":" + version
                            + " is not a version the build pins");
                }
            }
        }
        assertEquals(List.of(), wrong);
    }

    private static List<Element> elements(Document xml, String... names) {
        List<Element> found = new ArrayList<>();
        for (String name : names) {
            NodeList nodes = xml.getElementsByTagName(name);
            for (int i = 0; i < nodes.getLength(); i++) {
                found.add((Element) nodes.item(i));
            }
        }
        return found;
    }

    private static String text(Element parent, String name) {
        NodeList found = parent.getElementsByTagName(name);
        return found.getLength() == 0 ? "" : found.item(0).getTextContent().strip();
    }

    private static String element(String xml, String name) {
        Matcher match = Pattern.compile("<" + name + ">([^<]+)</" + name + ">").matcher(xml);
        return match.find() ? match.group(1) : "";
    }

    private static void copy(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (var files = Files.list(from)) {
            for (Path file : files.toList()) {
                Files.copy(file, to.resolve(file.getFileName()));
            }
        }
    }
}
