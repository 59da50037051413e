package dev.portcullis.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class HttpHeadersTest {

    private static HttpHeaders sample() {
        return HttpHeaders.builder()
                .add("Accept", "application/json")
                .add("X-Trace", "t1")
                .add("accept", "text/plain")
                .build();
    }

    @Test
    void repeatedNamesKeepEveryValueInOrder() {
        assertEquals(List.of("application/json", "text/plain"), sample().all("Accept"));
        assertEquals(3, sample().size());
    }

    @Test
    void lookupsIgnoreCase() {
        assertEquals(Optional.of("application/json"), sample().first("ACCEPT"));
        assertTrue(sample().contains("x-trace"));
        assertFalse(sample().contains("X-Missing"));
        assertEquals(List.of(), sample().all("X-Missing"));
    }

    @Test
    void forEachVisitsFieldsInReceivedOrderWithTheirSpelling() {
        List<String> seen = new ArrayList<>();
        sample().forEach((name, value) -> seen.add(name + "=" + value));

        assertEquals(List.of("Accept=application/json", "X-Trace=t1", "accept=text/plain"), seen);
        assertEquals(Set.of("Accept", "X-Trace"), sample().names());
    }

    @Test
    void setReplacesEveryValueAtThePositionOfTheFirst() {
        HttpHeaders changed = sample().toBuilder().set("ACCEPT", "*/*").build();
        List<String> order = new ArrayList<>();
        changed.forEach((name, value) -> order.add(value));

        assertEquals(List.of("*/*", "t1"), order);
    }

    @Test
    void setOnAnAbsentNameAppends() {
        assertEquals(Optional.of("1"), HttpHeaders.empty().toBuilder().set("X-New", "1").build().first("x-new"));
    }

    @Test
    void removeDropsEveryFieldOfTheNameInAnyCase() {
        HttpHeaders changed = sample().toBuilder().remove("aCcEpT").build();

        assertFalse(changed.contains("Accept"));
        assertEquals(1, changed.size());
    }

    @Test
    void changingACopyLeavesTheOriginalAlone() {
        HttpHeaders original = sample();
        original.toBuilder().remove("Accept").build();

        assertEquals(3, original.size());
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\rb", "a\nb", "a\u0000b", "\r\nSet-Cookie: x=1"})
    void valuesWithCrLfOrNulAreRefused(String value) {
        IllegalArgumentException add = assertThrows(IllegalArgumentException.class,
                () -> HttpHeaders.builder().add("X-Claim", value));
        assertThrows(IllegalArgumentException.class, () -> HttpHeaders.builder().set("X-Claim", value));
        assertTrue(add.getMessage().contains("X-Claim"), add.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "X Bad", "X:Bad", "X\u00e9"})
    void namesThatAreNotTokensAreRefused(String name) {
        assertThrows(IllegalArgumentException.class, () -> HttpHeaders.builder().add(name, "v"));
    }

    @Test
    void equalHeadersAreEqualAndHashAlike() {
        assertEquals(sample(), sample());
        assertEquals(sample().hashCode(), sample().hashCode());
        assertSame(HttpHeaders.empty(), HttpHeaders.builder().build());
    }

    @ParameterizedTest
    @ValueSource(strings = {"GET", "X-User-Id", "x_user_id", "!#$%&'*+-.^_`|~09azAZ"})
    void namesMadeOfTokenCharactersAreTokens(String name) {
        assertTrue(HttpHeaders.isToken(name));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "X User", "X:Y", "X(Evil)", "caf\u00e9", "A\u0000", "\"quoted\""})
    void emptyNamesAndNamesWithSeparatorsSpacesOrNonAsciiAreNotTokens(String name) {
        assertFalse(HttpHeaders.isToken(name));
    }

    @Test
    void aValueIsSafeUnlessItHoldsCrLfOrNul() {
        assertTrue(HttpHeaders.isSafeValue("a b\tc \u00e9"));
        assertFalse(HttpHeaders.isSafeValue("a\rb"));
        assertFalse(HttpHeaders.isSafeValue("a\nb"));
        assertFalse(HttpHeaders.isSafeValue("a\u0000b"));
    }
}
