package dev.portcullis.auth.jwt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.RSAKey;
import dev.portcullis.api.auth.Authentication;
import dev.portcullis.auth.Exchanges;
import dev.portcullis.auth.MutableClock;
import dev.portcullis.auth.Tokens;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** {@link JwtIssuer.Builder#requiredTypes}: the {@code typ} header an issuer's tokens must carry (RFC 8725 3.11). */
class JwtRequiredTypesTest {
    static final RSAKey RSA = JwtAuthenticatorTest.RSA;
    static final Instant NOW = JwtAuthenticatorTest.START;

    static Authentication requiring(String... types) {
        return Authentication.interceptor(JwtAuthenticator.builder()
                .issuer(JwtIssuer.builder(Tokens.ISSUER).jwkSetJson(Tokens.jwks(RSA)).requiredTypes(types).build())
                .clock(new MutableClock(NOW)).build());
    }

    static String typed(String type) {
        JWSHeader.Builder header = new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("rsa-1");
        if (type != null) {
            header.type(new JOSEObjectType(type));
        }
        return Tokens.sign(header.build(), Tokens.claims(NOW).build(), RSA);
    }

    static int status(Authentication auth, String token) {
        return Exchanges.run(Exchanges.bearer(token), auth).status();
    }

    @Test
    void anIssuerThatRequiresAccessTokensAcceptsOnlyTokensTypedAtJwt() {
        Authentication auth = requiring("at+jwt");
        assertEquals(200, status(auth, typed("at+jwt")));
        assertEquals(200, status(auth, typed("application/AT+JWT")));
        assertEquals(401, status(auth, typed("JWT")));
        assertEquals(401, status(auth, typed(null)));
    }

    @Test
    void withoutRequiredTypesATokenWithoutTypOrTypedJwtPassesAndAnotherKindIsRefused() {
        Authentication auth = Authentication.interceptor(JwtAuthenticator.builder()
                .issuer(JwtIssuer.builder(Tokens.ISSUER).jwkSetJson(Tokens.jwks(RSA)).build())
                .clock(new MutableClock(NOW)).build());
        assertEquals(200, status(auth, typed(null)));
        assertEquals(200, status(auth, typed("application/jwt")));
        assertEquals(401, status(auth, typed("id+jwt")));
    }

    @Test
    void aRequiredTypeThatIsNoMediaTypeFailsNamingTheSetting() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> JwtIssuer.builder(Tokens.ISSUER).requiredTypes("at jwt"));
        assertTrue(e.getMessage().contains("requiredTypes"), e.getMessage());
    }
}
