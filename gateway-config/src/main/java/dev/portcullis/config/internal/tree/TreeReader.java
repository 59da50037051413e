package dev.portcullis.config.internal.tree;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads YAML (and so JSON, a subset of it) into {@link Node}s that remember their line and column, with Jackson's
 * streaming YAML parser. Stricter than YAML: a key given twice, an alias ({@code *name}) and a second document are
 * findings, never silently resolved. Stateless and thread-safe.
 *
 * <pre>{@code
 * Node root = TreeReader.read("routes:\n  - id: api\n", "gateway.yaml");
 * }</pre>
 */
public final class TreeReader {
    private static final YAMLFactory YAML = new YAMLFactory();

    private final String file;
    private final Findings findings;
    private final YAMLParser parser;

    private TreeReader(String file, Findings findings, YAMLParser parser) {
        this.file = file;
        this.findings = findings;
        this.parser = parser;
    }

    /**
     * @param text the file's text
     * @param file the file's name for locations
     * @return the root node
     * @throws InvalidConfig naming each syntax error, duplicate key or alias
     */
    public static Node read(String text, String file) {
        Findings findings = new Findings();
        Node root = null;
        try (YAMLParser parser = YAML.createParser(text)) {
            TreeReader reader = new TreeReader(file, findings, parser);
            JsonToken first = parser.nextToken();
            if (first == null) {
                findings.add(new Location(file, 1, 1), "", "the file is empty; it needs at least a 'pipeline'");
            } else {
                root = reader.value(first, "");
                if (parser.nextToken() != null) {
                    findings.add(reader.here(), "", "the file holds more than one YAML document; keep one");
                }
            }
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            findings.add(at == null ? new Location(file, 1, 1) : new Location(file, at.getLineNr(), at.getColumnNr()),
                    "", "not valid YAML: " + firstLine(e.getOriginalMessage()));
        } catch (IOException e) {
            findings.add(new Location(file, 1, 1), "", "cannot be read: " + e.getMessage());
        }
        findings.throwIfAny();
        return root;
    }

    private Node value(JsonToken token, String path) throws IOException {
        Location at = here();
        if (parser.isCurrentAlias()) {
            findings.add(at, path, "aliases (*" + parser.getText() + ") are not supported: write the value out");
            return new Node.ScalarNode(at, Node.ScalarType.NULL, "");
        }
        if (token == JsonToken.START_OBJECT) {
            return map(at, path);
        }
        if (token == JsonToken.START_ARRAY) {
            List<Node> items = new ArrayList<>();
            for (JsonToken next = parser.nextToken(); next != JsonToken.END_ARRAY; next = parser.nextToken()) {
                items.add(value(next, SettingPath.index(path, items.size())));
            }
            return new Node.ListNode(at, items);
        }
        return new Node.ScalarNode(at, scalarType(token), token == JsonToken.VALUE_NULL ? "" : parser.getText());
    }

    private Node map(Location at, String path) throws IOException {
        Map<String, Node.Entry> entries = new LinkedHashMap<>();
        for (JsonToken next = parser.nextToken(); next != JsonToken.END_OBJECT; next = parser.nextToken()) {
            String key = parser.currentName();
            Location keyAt = here();
            String child = SettingPath.child(path, key);
            Node value = value(parser.nextToken(), child);
            Node.Entry previous = entries.putIfAbsent(key, new Node.Entry(keyAt, value));
            if (previous != null) {
                findings.add(keyAt, child, "the key '" + key + "' is given twice (first at line "
                        + previous.keyLocation().line() + ")");
            }
        }
        return new Node.MapNode(at, entries);
    }

    private Location here() {
        JsonLocation location = parser.currentTokenLocation();
        return new Location(file, location.getLineNr(), location.getColumnNr());
    }

    private static Node.ScalarType scalarType(JsonToken token) {
        switch (token) {
            case VALUE_NUMBER_INT:
                return Node.ScalarType.INTEGER;
            case VALUE_NUMBER_FLOAT:
                return Node.ScalarType.DECIMAL;
            case VALUE_TRUE:
            case VALUE_FALSE:
                return Node.ScalarType.BOOLEAN;
            case VALUE_NULL:
                return Node.ScalarType.NULL;
            default:
                return Node.ScalarType.STRING;
        }
    }

    private static String firstLine(String message) {
        String text = String.valueOf(message).strip();
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline).strip();
    }
}
