package dev.portcullis.api.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class IdentityProviderCallTest {
    @Test
    void aCallNamesItsKindProviderOutcomeAndDuration() {
        IdentityProviderCall call = new IdentityProviderCall(IdentityProviderCall.Kind.JWKS, "https://idp",
                IdentityProviderCall.Outcome.SUCCESS, Duration.ofMillis(5));

        assertEquals("https://idp", call.provider());
        assertEquals(Duration.ofMillis(5), call.duration());
    }

    @Test
    void aCallWithoutAProviderIsRefusedNamingTheField() {
        NullPointerException e = assertThrows(NullPointerException.class, () -> new IdentityProviderCall(
                IdentityProviderCall.Kind.JWKS, null, IdentityProviderCall.Outcome.SUCCESS, Duration.ZERO));

        assertEquals("provider", e.getMessage());
    }
}
