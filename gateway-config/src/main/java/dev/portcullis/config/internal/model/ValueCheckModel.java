package dev.portcullis.config.internal.model;

import dev.portcullis.config.internal.bind.Doc;
import dev.portcullis.config.internal.bind.ExactlyOne;
import dev.portcullis.config.internal.bind.Shorthand;

/**
 * A value check ({@code ValueCheck}): a type, or a regex the whole value must match.
 *
 * <pre>{@code
 * requiredQuery: {version: integer, lang: {pattern: "[a-z]{2}"}}
 * }</pre>
 *
 * @param type a type check
 * @param pattern a regex
 */
@Doc("A check of a value: a type (any, integer, number, boolean, uuid) or {pattern: regex}.")
@ExactlyOne({"type", "pattern"})
public record ValueCheckModel(
        @Doc("any (present is enough), integer, number, boolean or uuid.") @Shorthand Type type,
        @Doc("A regular expression the whole value must match.") String pattern) {

    /** The type checks. */
    public enum Type {
        /** {@code ValueCheck.any()}. */
        ANY,
        /** {@code ValueCheck.integer()}. */
        INTEGER,
        /** {@code ValueCheck.number()}. */
        NUMBER,
        /** {@code ValueCheck.bool()}. */
        BOOLEAN,
        /** {@code ValueCheck.uuid()}. */
        UUID
    }
}
