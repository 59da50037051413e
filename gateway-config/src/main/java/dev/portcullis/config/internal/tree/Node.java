package dev.portcullis.config.internal.tree;

import java.util.List;
import java.util.Map;

/**
 * One value of a configuration file with the place it starts: a map, a list or a scalar. Immutable.
 *
 * <pre>{@code
 * Node root = TreeReader.read("routes: []", "gateway.yaml");
 * ((Node.MapNode) root).entries().get("routes").value();   // a ListNode at gateway.yaml:1:9
 * }</pre>
 */
public sealed interface Node permits Node.MapNode, Node.ListNode, Node.ScalarNode {

    /** @return where the value starts */
    Location location();

    /** @return what the value is, for messages: {@code a map}, {@code a list}, {@code the string 'x'} */
    String describe();

    /**
     * A YAML mapping (JSON object) in file order; its keys are unique.
     *
     * @param location where it starts
     * @param entries its keys in file order
     */
    record MapNode(Location location, Map<String, Entry> entries) implements Node {
        /** Keeps the entries as given. */
        public MapNode {
            entries = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(entries));
        }

        @Override
        public String describe() {
            return "a map";
        }
    }

    /**
     * One key of a map.
     *
     * @param keyLocation where the key starts
     * @param value its value
     */
    record Entry(Location keyLocation, Node value) {
    }

    /**
     * A YAML sequence (JSON array).
     *
     * @param location where it starts
     * @param items its items in order
     */
    record ListNode(Location location, List<Node> items) implements Node {
        /** Copies the items. */
        public ListNode {
            items = List.copyOf(items);
        }

        @Override
        public String describe() {
            return "a list";
        }
    }

    /**
     * A scalar as written, with the type YAML resolved for it.
     *
     * @param location where it starts
     * @param type the resolved type
     * @param text the text as written (for {@code NULL}, possibly empty)
     */
    record ScalarNode(Location location, ScalarType type, String text) implements Node {
        @Override
        public String describe() {
            return switch (type) {
                case STRING -> "the string '" + text + "'";
                case INTEGER -> "the integer " + text;
                case DECIMAL -> "the number " + text;
                case BOOLEAN -> "the boolean " + text;
                case NULL -> "nothing (null)";
            };
        }
    }

    /** The type YAML resolved for a scalar. */
    enum ScalarType {
        /** Quoted text, or plain text that is no other type. */
        STRING,
        /** A whole number. */
        INTEGER,
        /** A number with a fraction or exponent. */
        DECIMAL,
        /** {@code true} or {@code false} (YAML 1.1 also reads {@code yes}, {@code on}...). */
        BOOLEAN,
        /** Empty, {@code null} or {@code ~}. */
        NULL
    }
}
