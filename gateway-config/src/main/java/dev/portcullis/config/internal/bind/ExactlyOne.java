package dev.portcullis.config.internal.bind;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Says that exactly one of the named settings of a section must be present.
 *
 * <pre>{@code
 * @ExactlyOne({"local", "redis"}) record StoreModel(LocalStoreModel local, RedisStoreModel redis) {}
 * }</pre>
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface ExactlyOne {
    /** @return the component names of which exactly one is set */
    String[] value();
}
