package dev.portcullis.auth.apikey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.api.GatewayRequest;
import dev.portcullis.api.GatewayResponse;
import dev.portcullis.api.HttpHeaders;
import dev.portcullis.api.auth.Authentication;
import dev.portcullis.auth.Exchanges;
import java.util.Set;
import org.junit.jupiter.api.Test;

class IdentityHeaderPrefixTest {
    final Authentication auth = Authentication.interceptor(ApiKeyAuthenticator.builder(ApiKeys.builder()
            .key(ApiKeys.sha256Hex(ApiKeyAuthenticatorTest.KEY), "reporting", Set.of(), Set.of()).build()).build());

    static GatewayRequest anonymousWith(String... headers) {
        HttpHeaders.Builder builder = HttpHeaders.builder();
        for (int i = 0; i < headers.length; i += 2) {
            builder.add(headers[i], headers[i + 1]);
        }
        return Exchanges.request("/r").headers(builder.build()).build();
    }

    @Test
    void anAnonymousRequestLosesTheDefaultFamilyInEverySpellingAndKeepsOtherHeaders() {
        GatewayResponse response = Exchanges.run(anonymousWith("X-USER-SUB", "root", "x_user_roles", "admin",
                "X-Username-Hint", "kept", "Accept", "text/plain"), auth);

        assertEquals(200, response.status());
        assertTrue(response.headers().first("Echo-X-USER-SUB").isEmpty());
        assertTrue(response.headers().first("Echo-x_user_roles").isEmpty());
        assertEquals("kept", response.headers().first("Echo-X-Username-Hint").orElseThrow());
        assertEquals("text/plain", response.headers().first("Echo-Accept").orElseThrow());
    }

    @Test
    void aConfiguredPrefixReplacesTheDefaultFamily() {
        GatewayResponse response = Exchanges.run(anonymousWith("x_auth_tenant", "evil", "X-AUTH-ROLE", "admin",
                "X-User-Hint", "kept"), auth.withIdentityHeaderPrefix("X-Auth-"));

        assertTrue(response.headers().first("Echo-x_auth_tenant").isEmpty());
        assertTrue(response.headers().first("Echo-X-AUTH-ROLE").isEmpty());
        assertEquals("kept", response.headers().first("Echo-X-User-Hint").orElseThrow());
    }

    @Test
    void aPrefixThatIsNoHeaderNameFailsNamingTheSetting() {
        for (String bad : new String[] {"", "X User", "X-Üser-"}) {
            IllegalArgumentException failure = assertThrows(IllegalArgumentException.class,
                    () -> auth.withIdentityHeaderPrefix(bad));
            assertTrue(failure.getMessage().contains("identityHeaderPrefix"), failure.getMessage());
        }
    }
}
