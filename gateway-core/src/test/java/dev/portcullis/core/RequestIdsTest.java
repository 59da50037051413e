package dev.portcullis.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RequestIdsTest {

    @Test
    void freshIdsAreThirtyTwoLowerCaseHexDigitsAndDiffer() {
        String first = RequestIds.choose(null, false);
        assertTrue(first.matches("[0-9a-f]{32}"), first);
        assertNotEquals(first, RequestIds.choose(null, false));
    }

    @Test
    void anIncomingIdIsKeptOnlyFromATrustedPeerAndWhenWellFormed() {
        assertEquals("edge-42", RequestIds.choose("edge-42", true));
        assertNotEquals("edge-42", RequestIds.choose("edge-42", false));
        assertTrue(RequestIds.choose("bad id", true).matches("[0-9a-f]{32}"));
    }
}
