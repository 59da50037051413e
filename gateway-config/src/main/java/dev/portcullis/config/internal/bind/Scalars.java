package dev.portcullis.config.internal.bind;

import dev.portcullis.config.internal.tree.Findings;
import dev.portcullis.config.internal.tree.Node;
import java.time.Duration;
import java.util.List;

/**
 * Reads one scalar as a typed value: text, integers, booleans, durations, sizes, secrets, files and enum constants.
 * A value that does not fit is a finding at its location, and the setting stays unset. A secret's text is never
 * quoted, since it may be the secret itself written in by mistake.
 *
 * <pre>{@code
 * Object connect = scalars.read(node, Duration.class, "routes[0].timeouts.connect");
 * }</pre>
 */
final class Scalars {
    private final References references;
    private final Findings findings;

    Scalars(References references, Findings findings) {
        this.references = references;
        this.findings = findings;
    }

    /**
     * @param type a type of the model
     * @return whether a scalar holds it (a record such as {@link ByteSize} may be one)
     */
    static boolean isScalar(Class<?> type) {
        return type == String.class || type == Integer.class || type == Long.class || type == Boolean.class
                || type == Double.class || type == Duration.class || type == ByteSize.class || type == Secret.class || type == FileRef.class
                || type.isEnum();
    }

    /**
     * @param type a value type of the model
     * @return what a value of that type looks like, for messages
     */
    static String expectation(Class<?> type) {
        if (type == String.class) {
            return "a string";
        }
        if (type == Integer.class || type == Long.class) {
            return "an integer";
        }
        if (type == Boolean.class) {
            return "true or false";
        }
        if (type == Double.class) {
            return "a number such as 0.25";
        }
        if (type == Duration.class) {
            return "a duration such as 250ms, 10s or 1m";
        }
        if (type == ByteSize.class) {
            return "a size such as 512B, 64KiB or 1MiB";
        }
        if (type == Secret.class) {
            return "a secret reference, ${ENV_VAR} or ${file:path}";
        }
        if (type == FileRef.class) {
            return "a file path";
        }
        if (type.isEnum()) {
            return "one of " + String.join(", ", EnumNames.all(type));
        }
        throw new IllegalStateException("no binding for " + type.getName());
    }

    Object read(Node.ScalarNode node, Class<?> type, String path) {
        try {
            Object value = convert(node, type);
            if (value != null) {
                return value;
            }
        } catch (IllegalArgumentException | ArithmeticException e) {
            findings.add(node.location(), path, e.getMessage());
            return null;
        }
        findings.add(node.location(), path, "expected " + expectation(type) + ", found "
                + (type == Secret.class ? "a literal value (not shown)" : node.describe()));
        return null;
    }

    /** @return the value, or null when the scalar's type does not fit */
    private Object convert(Node.ScalarNode node, Class<?> type) {
        String text = node.text();
        Node.ScalarType kind = node.type();
        if (type == String.class) {
            return text;
        }
        if (type == Integer.class) {
            return kind == Node.ScalarType.INTEGER ? Math.toIntExact(integer(text)) : null;
        }
        if (type == Long.class) {
            return kind == Node.ScalarType.INTEGER ? integer(text) : null;
        }
        if (type == Boolean.class) {
            return kind == Node.ScalarType.BOOLEAN ? bool(text) : null;
        }
        if (type == Double.class) {
            return kind == Node.ScalarType.DECIMAL || kind == Node.ScalarType.INTEGER ? decimal(text) : null;
        }
        if (type == Duration.class) {
            return kind == Node.ScalarType.STRING ? Durations.parse(text) : null;
        }
        if (type == ByteSize.class) {
            return kind == Node.ScalarType.INTEGER ? new ByteSize(integer(text))
                    : kind == Node.ScalarType.STRING ? ByteSize.parse(text) : null;
        }
        if (type == Secret.class) {
            Secret secret = kind == Node.ScalarType.STRING ? references.secret(text) : null;
            if (secret != null) {
                findings.secret(secret.value());
            }
            return secret;
        }
        if (type == FileRef.class) {
            return kind == Node.ScalarType.STRING ? references.file(text) : null;
        }
        if (type.isEnum()) {
            return constant(type, text);
        }
        throw new IllegalStateException("no binding for " + type.getName());
    }

    private static long integer(String text) {
        try {
            long value = Long.parseLong(text.replace("_", ""));
            if (value < 0) {
                throw new IllegalArgumentException("must not be negative, was " + value);
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected a whole number, found '" + text + "'", e);
        }
    }

    private static Double decimal(String text) {
        try {
            double value = Double.parseDouble(text.replace("_", ""));
            if (value < 0 || Double.isNaN(value) || Double.isInfinite(value)) {
                throw new IllegalArgumentException("must be a finite number, not negative, was " + text);
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected a number, found '" + text + "'", e);
        }
    }

    private static Boolean bool(String text) {
        if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
            return Boolean.valueOf(text);
        }
        throw new IllegalArgumentException("write true or false, not '" + text + "'");
    }

    private static Object constant(Class<?> type, String text) {
        List<String> names = EnumNames.all(type);
        int index = names.indexOf(text);
        if (index < 0) {
            throw new IllegalArgumentException("expected one of " + String.join(", ", names) + ", found '" + text
                    + "'" + Suggestions.didYouMean(text, names));
        }
        return type.getEnumConstants()[index];
    }
}
