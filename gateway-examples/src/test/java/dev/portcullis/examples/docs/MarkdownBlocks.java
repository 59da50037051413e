package dev.portcullis.examples.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The fenced code blocks of the project's documentation: README.md and every {@code docs/*.md}. A block may be
 * preceded by a line {@code <!-- include: <path from the project root>[#tag] -->} that names what it must equal.
 */
final class MarkdownBlocks {
    /** The project root: the parent of the module directory the tests run in. */
    static final Path ROOT = Path.of(System.getProperty("basedir", "")).toAbsolutePath().normalize().getParent();

    private static final Pattern INCLUDE = Pattern.compile("<!-- include: (\\S+) -->");
    private static final Pattern FENCE = Pattern.compile(" *```([A-Za-z0-9+-]*)\\s*");  // indented too: in a list

    private MarkdownBlocks() {
    }

    /**
     * One fenced block.
     *
     * @param file the Markdown file, relative to the project root
     * @param line the line of its opening fence, from 1
     * @param language what follows the opening fence, empty for none
     * @param text the lines between the fences, each ending with a line break
     * @param include what the line before the fence names, if it is an include line
     * @param followsBlock whether only blank lines separate it from the block before it
     */
    record Block(String file, int line, String language, String text, Optional<String> include,
            boolean followsBlock) {
        String where() {
            return file + ":" + line;
        }
    }

    /** @return the Markdown files of the documentation, README.md first */
    static List<Path> files() {
        List<Path> files = new ArrayList<>(List.of(ROOT.resolve("README.md")));
        try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
            docs.filter(file -> file.toString().endsWith(".md")).sorted().forEach(files::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    /** @return every fenced block of every documentation file */
    static List<Block> all() {
        List<Block> blocks = new ArrayList<>();
        for (Path file : files()) {
            blocks.addAll(of(file));
        }
        return blocks;
    }

    /** @return the fenced blocks of one Markdown file, in order */
    static List<Block> of(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String name = ROOT.relativize(file).toString();
        List<Block> blocks = new ArrayList<>();
        int lastClosing = -2;
        for (int i = 0; i < lines.size(); i++) {
            Matcher fence = FENCE.matcher(lines.get(i));
            if (!fence.matches()) {
                continue;
            }
            int start = i;
            StringBuilder text = new StringBuilder();
            for (i++; i < lines.size() && !lines.get(i).strip().equals("```"); i++) {
                text.append(lines.get(i)).append('\n');
            }
            Matcher include = start > 0 ? INCLUDE.matcher(lines.get(start - 1)) : INCLUDE.matcher("");
            blocks.add(new Block(name, start + 1, fence.group(1), text.toString(),
                    include.matches() ? Optional.of(include.group(1)) : Optional.empty(),
                    lastClosing >= 0 && lines.subList(lastClosing + 1, start).stream().allMatch(String::isBlank)));
            lastClosing = i;
        }
        return blocks;
    }
}
