package dev.portcullis.config.internal.bind;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the one setting of a section that a plain scalar stands for: {@code upstreams: [http://a:80]} is
 * {@code upstreams: [{uri: http://a:80}]}.
 *
 * <pre>{@code
 * record UpstreamModel(@Shorthand @Required String uri, Integer weight) {}
 * }</pre>
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface Shorthand {
}
