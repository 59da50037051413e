package dev.portcullis.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portcullis.config.internal.bind.ByteSize;
import dev.portcullis.config.internal.bind.Durations;
import dev.portcullis.config.internal.bind.Secret;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Writes the key reference of docs/configuration-reference.md from the published JSON Schema, which is itself
 * generated from the model: one table per section, the top level first and every section followed by the sections
 * it is the first to refer to (so a route's resilience settings follow the route), each key with its type, whether it is required, and its description
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
        for (String name : section("Top level", root)) {
            subsections(name, seen);
        }
        return out.toString();
    }

    /** Each section is followed by the sections it is the first to refer to, so related keys stay together. */
    private void subsections(String name, Set<String> seen) {
        if (seen.add(name)) {
            for (String child : section(name, definitions.path(name))) {
                subsections(child, seen);
            }
        }
    }

    /** @return the sections its keys refer to, in key order */
    private List<String> section(String name, JsonNode schema) {
        List<String> refs = new ArrayList<>();
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
            String type = typeOf(key.getValue(), refs);
            out.append("| `").append(key.getKey()).append("` | ").append(type).append(" | ")
                    .append(required.contains(key.getKey()) ? "yes" : "").append(" | ")
                    .append(key.getValue().path("description").asText().replace("|", "\\|")).append(" |\n");
        }
        out.append("\n");
        return refs;
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
