package dev.portcullis.config.internal.bind;

import dev.portcullis.config.internal.tree.Node;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a free-form node (the settings of a custom interceptor) into plain Java values: maps, lists, strings,
 * {@code Long}, {@code Double}, {@code Boolean}, or null.
 *
 * <pre>{@code
 * Object settings = Plain.of(node);   // {tenants=[acme, globex], header=X-Tenant}
 * }</pre>
 */
final class Plain {
    private Plain() {
    }

    static Object of(Node node) {
        if (node instanceof Node.MapNode map) {
            Map<String, Object> values = new LinkedHashMap<>();
            map.entries().forEach((key, entry) -> values.put(key, of(entry.value())));
            return Collections.unmodifiableMap(values);
        }
        if (node instanceof Node.ListNode list) {
            return list.items().stream().map(Plain::of).toList();
        }
        Node.ScalarNode scalar = (Node.ScalarNode) node;
        switch (scalar.type()) {
            case INTEGER:
            case DECIMAL:
                return number(scalar.text(), scalar.type() == Node.ScalarType.INTEGER);
            case BOOLEAN:
                return Boolean.valueOf(scalar.text());
            case NULL:
                return null;
            default:
                return scalar.text();
        }
    }

    /** @return a {@code Long} or {@code Double}, or the text itself for what Java cannot read ({@code .inf}, hex) */
    private static Object number(String text, boolean whole) {
        try {
            return whole ? (Object) Long.parseLong(text.replace("_", "")) : (Object) Double.parseDouble(text);
        } catch (NumberFormatException e) {
            return text;
        }
    }
}
