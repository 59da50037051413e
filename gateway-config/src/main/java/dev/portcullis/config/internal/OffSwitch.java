package dev.portcullis.config.internal;

import dev.portcullis.config.internal.bind.Origin;
import dev.portcullis.config.internal.bind.Origins;
import dev.portcullis.config.internal.tree.Findings;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Objects;

/**
 * The check of a section with an {@code enabled} switch: once switched off, its other settings would be ignored, so
 * setting them is a mistake the file is told about.
 *
 * <pre>{@code
 * OffSwitch.check(route.resilience().outlierEjection(), "outlier ejection", origins, findings);
 * }</pre>
 */
final class OffSwitch {
    private OffSwitch() {
    }

    /**
     * @param section a bound record with a {@code Boolean enabled} component, or null
     * @param what the section's name in the message
     * @param origins where the model's values came from
     * @param findings where the problem goes
     */
    static void check(Record section, String what, Origins origins, Findings findings) {
        if (section == null || !Boolean.FALSE.equals(value(section, "enabled"))) {
            return;
        }
        boolean tuned = Arrays.stream(section.getClass().getRecordComponents())
                .filter(component -> !component.getName().equals("enabled"))
                .map(component -> value(section, component.getName())).anyMatch(Objects::nonNull);
        if (tuned) {
            Origin at = origins.member(section, "enabled");
            findings.add(at.location(), at.path(), what + " is off: its other settings would be ignored; remove them "
                    + "or the enabled: false");
        }
    }

    private static Object value(Record section, String name) {
        try {
            RecordComponent component = Arrays.stream(section.getClass().getRecordComponents())
                    .filter(c -> c.getName().equals(name)).findFirst().orElseThrow();
            return component.getAccessor().invoke(section);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + name + " of " + section.getClass().getSimpleName(), e);
        }
    }
}
