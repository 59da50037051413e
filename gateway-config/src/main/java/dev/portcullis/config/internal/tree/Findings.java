package dev.portcullis.config.internal.tree;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Collects the findings of one load, so a file with several mistakes reports them all at once. Every message goes
 * through {@link #redact(String)} first: a secret a library echoed in its own message never reaches a log or an
 * error. Not thread-safe; one per load.
 *
 * <pre>{@code
 * Findings findings = new Findings();
 * findings.add(location, "routes[0].id", "missing required setting 'id'");
 * if (!findings.isEmpty()) throw new InvalidConfig(findings.sorted());
 * }</pre>
 */
public final class Findings {
    /** Secrets shorter than this are not searched for, since they would match ordinary words. */
    private static final int SHORTEST_REDACTED = 4;

    private final List<Finding> found = new ArrayList<>();
    private final Set<String> secrets = new LinkedHashSet<>();

    /**
     * @param location where the value starts
     * @param path the setting's path
     * @param message what is wrong
     */
    public void add(Location location, String path, String message) {
        found.add(new Finding(location, path, redact(message)));
    }

    /** @param secret a value that must never appear in a message (a resolved secret) */
    public void secret(String secret) {
        if (secret.length() >= SHORTEST_REDACTED) {
            secrets.add(secret);
        }
    }

    /**
     * @param message a message, possibly from a library that quoted a value
     * @return the message with every known secret replaced by {@code ***}
     */
    public String redact(String message) {
        String text = String.valueOf(message);
        for (String secret : secrets) {
            text = text.replace(secret, "***");
        }
        return text;
    }

    /** @return whether nothing was found */
    public boolean isEmpty() {
        return found.isEmpty();
    }

    /** @return the findings by position in the file, duplicates dropped */
    public List<Finding> sorted() {
        List<Finding> sorted = new ArrayList<>(new LinkedHashSet<>(found));
        sorted.sort(Comparator.comparingInt((Finding f) -> f.location().line())
                .thenComparingInt(f -> f.location().column()));
        return Collections.unmodifiableList(sorted);
    }

    /** @throws InvalidConfig with the findings, if there are any */
    public void throwIfAny() {
        if (!isEmpty()) {
            throw new InvalidConfig(sorted());
        }
    }
}
