package dev.portcullis.api.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The RFC 6750 §3.1 pairing of error code and status that every {@link AuthResult.Rejected} keeps. */
class AuthResultTest {

    @Test
    void aRejectionCannotPairInvalidRequestWith401() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> new AuthResult.Rejected(401, AuthResult.INVALID_REQUEST, "Two tokens.", Duration.ZERO));

        assertEquals("error invalid_request goes with status 400, not 401", refused.getMessage());
    }

    @Test
    void aRejectionCannotPairInvalidTokenWith400Or503() {
        assertThrows(IllegalArgumentException.class,
                () -> new AuthResult.Rejected(400, AuthResult.INVALID_TOKEN, "Malformed.", Duration.ZERO));
        assertThrows(IllegalArgumentException.class,
                () -> new AuthResult.Rejected(503, AuthResult.INVALID_TOKEN, "Down.", Duration.ofSeconds(1)));
    }

    @Test
    void aRejectionCannotPairTemporarilyUnavailableWith401() {
        assertThrows(IllegalArgumentException.class,
                () -> new AuthResult.Rejected(401, AuthResult.TEMPORARILY_UNAVAILABLE, "Down.", Duration.ZERO));
    }

    @Test
    void theFactoriesPairEachCodeWithItsStatusAndACustomCodeKeepsTheStatusItWasGiven() {
        assertEquals(400, ((AuthResult.Rejected) AuthResult.invalidRequest("Two tokens.")).status());
        assertEquals(401, ((AuthResult.Rejected) AuthResult.invalidToken("Malformed.")).status());
        assertEquals(503, ((AuthResult.Rejected) AuthResult.unavailable("Down.", Duration.ofSeconds(5))).status());
        assertEquals(401, new AuthResult.Rejected(401, "revoked_key", "Revoked.", Duration.ZERO).status());
    }
}
