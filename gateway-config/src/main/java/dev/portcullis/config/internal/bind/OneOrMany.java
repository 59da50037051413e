package dev.portcullis.config.internal.bind;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Lets a list setting be written as a single scalar: {@code methods: GET} is {@code methods: [GET]}.
 *
 * <pre>{@code
 * record RouteModel(@OneOrMany List<String> methods) {}
 * }</pre>
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface OneOrMany {
}
