package dev.portcullis.core.internal.net;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Reads and writes the RFC 7239 {@code Forwarded} syntax: elements separated by commas, pairs by semicolons. */
public final class ForwardedSyntax {
    private ForwardedSyntax() {
    }

    /**
     * @param value one {@code Forwarded} field value
     * @return its elements in order, each a map of lower-case parameter names to unquoted values
     */
    public static List<Map<String, String>> parse(String value) {
        List<Map<String, String>> elements = new ArrayList<>();
        Map<String, String> element = new LinkedHashMap<>();
        StringBuilder token = new StringBuilder();
        String name = null;
        boolean quoted = false;
        for (int i = 0; i <= value.length(); i++) {
            char c = i < value.length() ? value.charAt(i) : ',';
            if (quoted) {
                if (c == '\\' && i + 1 < value.length()) {
                    token.append(value.charAt(++i));
                } else if (c == '"') {
                    quoted = false;
                } else {
                    token.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == '=' && name == null) {
                name = token.toString().trim().toLowerCase(Locale.ROOT);
                token.setLength(0);
            } else if (c == ';' || c == ',') {
                if (name != null) {
                    element.putIfAbsent(name, token.toString().trim());
                }
                name = null;
                token.setLength(0);
                if (c == ',' && !element.isEmpty()) {
                    elements.add(element);
                    element = new LinkedHashMap<>();
                }
            } else {
                token.append(c);
            }
        }
        return elements;
    }

    /**
     * @param value a parameter value
     * @return the value as a token, or quoted when it holds characters a token may not (IPv6 brackets, colons)
     */
    public static String quoteIfNeeded(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!(Character.isLetterOrDigit(c) && c < 128) && "!#$%&'*+-.^_`|~".indexOf(c) < 0) {
                return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
            }
        }
        return value;
    }
}
