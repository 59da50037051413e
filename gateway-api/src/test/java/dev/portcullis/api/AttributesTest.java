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
    void replacingAValueKeepsOneEntryAndRemovingOneKeepsTheOthers() {
        AttributeKey<Integer> first = AttributeKey.of("first", Integer.class);
        AttributeKey<Integer> last = AttributeKey.of("last", Integer.class);
        Attributes three = Attributes.empty().with(first, 1).with(TENANT, "acme").with(last, 3);

        Attributes replaced = three.with(TENANT, "other");
        Attributes removed = three.without(TENANT);

        assertEquals(3, replaced.size());
        assertEquals(Optional.of("other"), replaced.get(TENANT));
        assertEquals(2, removed.size());
        assertEquals(Optional.of(1), removed.get(first));
        assertEquals(Optional.of(3), removed.get(last));
        assertEquals(Optional.empty(), removed.get(TENANT));
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
