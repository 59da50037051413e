package dev.portcullis.examples.docs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What an include line names: {@code path} is the whole file; {@code path#name} is the region between the lines
 * holding {@code tag::name[]} and {@code end::name[]} (Asciidoctor's markers, e.g. {@code // tag::jwt[]}), without
 * the marker lines of any tag and without the indentation its lines have in common, so a fragment can live inside a
 * method of a compiled class.
 */
final class IncludedSource {
    private IncludedSource() {
    }

    /** @return the path part of an include, before any {@code #} */
    static String path(String include) {
        int hash = include.indexOf('#');
        return hash < 0 ? include : include.substring(0, hash);
    }

    /**
     * @param include {@code path} or {@code path#tag}, the path relative to {@code root}
     * @return the text the block must equal
     * @throws IllegalArgumentException when the file has no such region, or has it twice
     */
    static String text(Path root, String include) throws IOException {
        String content = Files.readString(root.resolve(path(include)));
        int hash = include.indexOf('#');
        return hash < 0 ? content : region(content, include.substring(hash + 1));
    }

    private static String region(String content, String tag) {
        String start = "tag::" + tag + "[]";
        String end = "end::" + tag + "[]";
        List<String> lines = content.lines().toList();
        int from = single(lines, start, tag);
        int to = single(lines, end, tag);
        if (to < from) {
            throw new IllegalArgumentException("end::" + tag + "[] comes before tag::" + tag + "[]");
        }
        List<String> region = new ArrayList<>();
        for (String line : lines.subList(from + 1, to)) {
            if (!line.contains("tag::") && !line.contains("end::")) {
                region.add(line);
            }
        }
        int indent = region.stream().filter(line -> !line.isBlank())
                .mapToInt(line -> line.length() - line.stripLeading().length()).min().orElse(0);
        StringBuilder text = new StringBuilder();
        for (String line : region) {
            text.append(line.isBlank() ? "" : line.substring(indent)).append('\n');
        }
        return text.toString();
    }

    private static int single(List<String> lines, String marker, String tag) {
        int found = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(marker)) {
                if (found >= 0) {
                    throw new IllegalArgumentException("the tag " + tag + " is marked twice");
                }
                found = i;
            }
        }
        if (found < 0) {
            throw new IllegalArgumentException("no line holds " + marker);
        }
        return found;
    }
}
