package dev.portcullis.config.internal.bind;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes the JSON Schema (2020-12) of the configuration format from the model's records, with the same rules the
 * binder applies: keys are component names, no others are allowed, {@link Required} settings are required,
 * {@link Shorthand} and {@link OneOrMany} allow the short forms, {@link ExactlyOne} becomes a {@code oneOf}, and
 * {@link Doc} becomes each description. Editors use it to complete and check files.
 *
 * <pre>{@code
 * ObjectNode schema = SchemaGenerator.generate(GatewayModel.class, "https://portcullis.dev/schemas/gateway.json");
 * }</pre>
 */
public final class SchemaGenerator {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final Map<String, ObjectNode> definitions = new TreeMap<>();

    private SchemaGenerator() {
    }

    /**
     * @param root the model's root record
     * @param id the schema's {@code $id}
     * @return the schema
     */
    public static ObjectNode generate(Class<?> root, String id) {
        SchemaGenerator generator = new SchemaGenerator();
        ObjectNode schema = JSON.objectNode();
        schema.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        schema.put("$id", id);
        schema.put("title", "Portcullis gateway configuration");
        schema.setAll(generator.recordSchema(root));
        ObjectNode defs = schema.putObject("$defs");
        generator.definitions.forEach(defs::set);
        return schema;
    }

    private JsonNode schemaOf(Type type, boolean oneOrMany) {
        if (type instanceof ParameterizedType generic) {
            Type[] arguments = generic.getActualTypeArguments();
            if (generic.getRawType() == List.class) {
                ObjectNode array = JSON.objectNode().put("type", "array");
                array.set("items", schemaOf(arguments[0], false));
                return oneOrMany ? oneOf(schemaOf(arguments[0], false), array) : array;
            }
            ObjectNode map = JSON.objectNode().put("type", "object");
            map.set("additionalProperties", schemaOf(arguments[1], false));
            return map;
        }
        Class<?> raw = (Class<?>) type;
        if (raw.isRecord() && !Scalars.isScalar(raw)) {
            return reference(raw);
        }
        return scalarSchema(raw);
    }

    private JsonNode reference(Class<?> record) {
        String name = record.getSimpleName().replace("Model", "");
        if (!definitions.containsKey(name)) {
            definitions.put(name, JSON.objectNode());
            definitions.put(name, recordSchema(record));
        }
        ObjectNode ref = JSON.objectNode().put("$ref", "#/$defs/" + name);
        RecordComponent shorthand = Arrays.stream(record.getRecordComponents())
                .filter(c -> c.isAnnotationPresent(Shorthand.class)).findFirst().orElse(null);
        return shorthand == null ? ref : oneOf(schemaOf(shorthand.getGenericType(), false), ref);
    }

    private ObjectNode recordSchema(Class<?> record) {
        ObjectNode schema = JSON.objectNode().put("type", "object");
        Doc doc = record.getAnnotation(Doc.class);
        if (doc != null) {
            schema.put("description", doc.value());
        }
        ObjectNode properties = schema.putObject("properties");
        ArrayNode required = JSON.arrayNode();
        for (RecordComponent component : record.getRecordComponents()) {
            JsonNode property = schemaOf(component.getGenericType(), component.isAnnotationPresent(OneOrMany.class));
            Doc described = component.getAnnotation(Doc.class);
            if (described != null) {
                property = JSON.objectNode().put("description", described.value()).setAll((ObjectNode) property);
            }
            properties.set(component.getName(), property);
            if (component.isAnnotationPresent(Required.class)) {
                required.add(component.getName());
            }
        }
        if (!required.isEmpty()) {
            schema.set("required", required);
        }
        schema.put("additionalProperties", false);
        ExactlyOne one = record.getAnnotation(ExactlyOne.class);
        if (one != null) {
            ArrayNode choices = schema.putArray("oneOf");
            for (String name : one.value()) {
                choices.addObject().putArray("required").add(name);
            }
        }
        return schema;
    }

    private static ObjectNode scalarSchema(Class<?> type) {
        ObjectNode schema = JSON.objectNode();
        if (type == String.class || type == FileRef.class) {
            return schema.put("type", "string");
        }
        if (type == Integer.class || type == Long.class) {
            return schema.put("type", "integer").put("minimum", 0);
        }
        if (type == Boolean.class) {
            return schema.put("type", "boolean");
        }
        if (type == Double.class) {
            return schema.put("type", "number").put("minimum", 0);
        }
        if (type == Duration.class) {
            return schema.put("type", "string").put("pattern", Durations.PATTERN);
        }
        if (type == Secret.class) {
            return schema.put("type", "string").put("pattern", Secret.PATTERN);
        }
        if (type == ByteSize.class) {
            return oneOf(JSON.objectNode().put("type", "integer").put("minimum", 0),
                    JSON.objectNode().put("type", "string").put("pattern", ByteSize.PATTERN));
        }
        if (type == Object.class) {
            return schema;
        }
        if (type.isEnum()) {
            ArrayNode values = schema.putArray("enum");
            EnumNames.all(type).forEach(values::add);
            return schema;
        }
        throw new IllegalStateException("no schema for " + type.getName());
    }

    private static ObjectNode oneOf(JsonNode first, JsonNode second) {
        ObjectNode schema = JSON.objectNode();
        schema.putArray("oneOf").add(first).add(second);
        return schema;
    }
}
