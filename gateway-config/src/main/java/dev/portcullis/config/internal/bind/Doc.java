package dev.portcullis.config.internal.bind;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Describes a setting (or a section) for the JSON Schema and the README.
 *
 * <pre>{@code
 * record TimeoutsModel(@Doc("Time to connect; default 5s.") Duration connect) {}
 * }</pre>
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.TYPE})
public @interface Doc {
    /** @return the description, one or two sentences */
    String value();
}
