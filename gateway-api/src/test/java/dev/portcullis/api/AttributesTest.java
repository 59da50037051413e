package dev.portcullis.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class AttributesTest {
    private static final AttributeKey<String> TENANT = AttributeKey.of("tenant", String.class);

    @Test
    void aStoredValueIsFoundUnderItsKey() {
        assertEquals(Optional.of("acme"), Attributes.empty().with(TENANT, "acme").get(TENANT));
    }

    @Test
    void keysWithTheSameNameAreDifferentKeys() {
        AttributeKey<String> forged = AttributeKey.of("tenant", String.class);

        assertEquals(Optional.empty(), Attributes.empty().with(TENANT, "acme").get(forged));
    }

    @Test
    void withAndWithoutLeaveTheOriginalUnchanged() {
        Attributes original = Attributes.empty().with(TENANT, "acme");

        Attributes replaced = original.with(TENANT, "other");
        Attributes removed = original.without(TENANT);

        assertEquals(Optional.of("acme"), original.get(TENANT));
        assertEquals(Optional.of("other"), replaced.get(TENANT));
        assertEquals(0, removed.size());
    }

    @Test
    void removingAnAbsentKeyReturnsTheSameInstance() {
        Attributes attributes = Attributes.empty();

        assertSame(attributes, attributes.without(TENANT));
    }

    @Test
    @SuppressWarnings({"unchecked", "rawtypes"})
    void aValueOfTheWrongTypeIsRefusedEvenThroughRawTypes() {
        AttributeKey raw = TENANT;

        assertThrows(ClassCastException.class, () -> Attributes.empty().with(raw, 42));
    }

    @Test
    void nullKeysAndValuesAreRefused() {
        assertThrows(NullPointerException.class, () -> Attributes.empty().with(TENANT, null));
        assertThrows(NullPointerException.class, () -> Attributes.empty().get(null));
    }
}
