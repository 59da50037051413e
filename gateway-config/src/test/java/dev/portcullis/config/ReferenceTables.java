package dev.portcullis.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portcullis.config.internal.bind.ByteSize;
import dev.portcullis.config.internal.bind.Durations;
import dev.portcullis.config.internal.bind.Secret;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Writes the key reference of docs/configuration-reference.md from the published JSON Schema, which is itself
 * generated from the model: one table per section, in the order the file meets them (the top level, then each
 * section where it is first referred to), each key with its type, whether it is required, and its description
 * (which states the default).
 *
 * <pre>{@code
 * String markdown = ReferenceTables.generate();
 * }</pre>
 */
final class ReferenceTables {
    private final JsonNode definitions;
    private final StringBuilder out = new StringBuilder();

    private ReferenceTables(JsonNode schema) {
        this.definitions = schema.path("$defs");
    }

    /** @return the reference tables in Markdown */
    static String generate() {
        try {
            JsonNode schema = new ObjectMapper().readTree(ConfigSchema.generate());
            return new ReferenceTables(schema).write(schema);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String write(JsonNode root) {
        Set<String> seen = new LinkedHashSet<>();
        Deque<String> queue = new ArrayDeque<>();
        section("Top level", root, queue);
        while (!queue.isEmpty()) {
            String name = queue.removeFirst();
            if (seen.add(name)) {
                section(name, definitions.path(name), queue);
            }
        }
        return out.toString();
    }

    private void section(String name, JsonNode schema, Deque<String> queue) {
        out.append("### ").append(name).append("\n\n").append(schema.path("description").asText()).append("\n");
        if (schema.has("oneOf")) {
            List<String> choices = new ArrayList<>();
            schema.path("oneOf").forEach(choice -> choices.add("`" + choice.path("required").path(0).asText() + "`"));
            out.append("Set exactly one of ").append(String.join(", ", choices)).append(".\n");
        }
        out.append("\n| key | type | required | meaning and default |\n|---|---|---|---|\n");
        Set<String> required = new LinkedHashSet<>();
        schema.path("required").forEach(key -> required.add(key.asText()));
        for (Iterator<Map.Entry<String, JsonNode>> keys = schema.path("properties").fields(); keys.hasNext(); ) {
            Map.Entry<String, JsonNode> key = keys.next();
            List<String> refs = new ArrayList<>();
            String type = typeOf(key.getValue(), refs);
            queue.addAll(refs);
            out.append("| `").append(key.getKey()).append("` | ").append(type).append(" | ")
                    .append(required.contains(key.getKey()) ? "yes" : "").append(" | ")
                    .append(key.getValue().path("description").asText().replace("|", "\\|")).append(" |\n");
        }
        out.append("\n");
    }

    private String typeOf(JsonNode schema, List<String> refs) {
        if (schema.has("$ref")) {
            String name = schema.path("$ref").asText().replace("#/$defs/", "");
            refs.add(name);
            return "[" + name + "](#" + name.toLowerCase(Locale.ROOT) + ")";
        }
        if (schema.has("oneOf")) {
            List<String> choices = new ArrayList<>();
            schema.path("oneOf").forEach(choice -> choices.add(typeOf(choice, refs)));
            return String.join(" or ", choices);
        }
        if (schema.has("enum")) {
            List<String> values = new ArrayList<>();
            schema.path("enum").forEach(value -> values.add("`" + value.asText() + "`"));
            return String.join(" \\| ", values);
        }
        String type = schema.path("type").asText("");
        String pattern = schema.path("pattern").asText("");
        switch (type) {
            case "string":
                return pattern.equals(Durations.PATTERN) ? "duration (`250ms`, `10s`, `1m`, `2h`, `1d`)"
                        : pattern.equals(Secret.PATTERN) ? "secret (`${ENV_VAR}` or `${file:path}`)"
                        : pattern.equals(ByteSize.PATTERN) ? "size (`512B`, `64KiB`, `1MiB`)" : "string";
            case "array":
                return "list of " + typeOf(schema.path("items"), refs);
            case "object":
                return "map of name to " + typeOf(schema.path("additionalProperties"), refs);
            case "":
                return "any";
            default:
                return type;
        }
    }
}
