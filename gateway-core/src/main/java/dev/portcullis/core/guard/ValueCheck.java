package dev.portcullis.core.guard;

import java.util.Objects;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A simple check on a header or query parameter value: a type (integer, number, boolean, UUID) or a regular
 * expression that must match the whole value. Immutable and thread-safe.
 *
 * <pre>{@code
 * GuardPolicy.builder().requireQueryParam("page", ValueCheck.integer())
 *     .requireHeader("X-Tenant", ValueCheck.pattern("[a-z0-9-]{1,32}"));
 * }</pre>
 */
public final class ValueCheck {
    private static final Pattern INTEGER = Pattern.compile("-?[0-9]{1,18}");
    private static final Pattern NUMBER = Pattern.compile("-?[0-9]{1,300}(\\.[0-9]{1,300})?([eE][+-]?[0-9]{1,4})?");
    private static final Pattern BOOLEAN = Pattern.compile("true|false");
    private static final Pattern UUID =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private final Predicate<String> test;
    private final String expectation;

    private ValueCheck(Predicate<String> test, String expectation) {
        this.test = test;
        this.expectation = expectation;
    }

    /** @return a check that accepts any value: the parameter need only be present */
    public static ValueCheck any() {
        return new ValueCheck(value -> true, "be present");
    }

    /** @return a check for a decimal integer of at most 18 digits, optionally negative */
    public static ValueCheck integer() {
        return matching(INTEGER, "be an integer");
    }

    /** @return a check for a decimal number such as {@code -1.5e3} */
    public static ValueCheck number() {
        return matching(NUMBER, "be a number");
    }

    /** @return a check for {@code true} or {@code false} */
    public static ValueCheck bool() {
        return matching(BOOLEAN, "be true or false");
    }

    /** @return a check for a UUID in its 8-4-4-4-12 hex form */
    public static ValueCheck uuid() {
        return matching(UUID, "be a UUID");
    }

    /**
     * @param regex a regular expression the whole value must match
     * @return the check
     * @throws IllegalArgumentException if the expression does not compile, quoting it
     */
    public static ValueCheck pattern(String regex) {
        Objects.requireNonNull(regex, "regex");
        try {
            return matching(Pattern.compile(regex), "match " + regex);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("pattern " + regex + " is not a valid regular expression", e);
        }
    }

    private static ValueCheck matching(Pattern pattern, String expectation) {
        return new ValueCheck(value -> pattern.matcher(value).matches(), expectation);
    }

    /**
     * @param value the value to check
     * @return whether it passes
     */
    public boolean test(String value) {
        return test.test(value);
    }

    /** @return what a passing value does, for messages, e.g. {@code "be an integer"} */
    public String expectation() {
        return expectation;
    }
}
