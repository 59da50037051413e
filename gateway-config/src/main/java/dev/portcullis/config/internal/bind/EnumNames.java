package dev.portcullis.config.internal.bind;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * How enum constants are written in a file: lower case with {@code -}, so {@code WEIGHTED_ROUND_ROBIN} is
 * {@code weighted-round-robin}.
 *
 * <pre>{@code
 * EnumNames.of(ForwardedFamily.X_FORWARDED);   // "x-forwarded"
 * }</pre>
 */
public final class EnumNames {
    private EnumNames() {
    }

    /** @param constant an enum constant @return its name in a file */
    public static String of(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** @param type an enum type @return the names of its constants in a file, in declaration order */
    public static List<String> all(Class<?> type) {
        return Arrays.stream(type.getEnumConstants()).map(c -> of((Enum<?>) c)).toList();
    }
}
