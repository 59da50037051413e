package dev.portcullis.api.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GatewayPrincipalTest {

    @Test
    void nestedClaimsAreDeepUnmodifiableCopies() {
        List<Object> roles = new ArrayList<>(List.of("user"));
        Map<String, Object> realmAccess = new HashMap<>(Map.of("roles", roles));
        Map<String, Object> claims = new HashMap<>(Map.of("sub", "alice", "realm_access", realmAccess));

        GatewayPrincipal principal = GatewayPrincipal.builder("alice", "jwt").claims(claims).build();
        roles.add("admin");
        realmAccess.put("extra", "x");

        @SuppressWarnings("unchecked")
        Map<String, Object> nested = (Map<String, Object>) principal.claims().get("realm_access");
        @SuppressWarnings("unchecked")
        List<Object> nestedRoles = (List<Object>) nested.get("roles");
        assertEquals(List.of("user"), nestedRoles);
        assertEquals(1, nested.size());
        assertThrows(UnsupportedOperationException.class, () -> nestedRoles.add("admin"));
        assertThrows(UnsupportedOperationException.class, () -> nested.put("roles", List.of("admin")));
    }

    @Test
    void theIssuerTellsPrincipalsOfOneSubjectApart() {
        GatewayPrincipal a = GatewayPrincipal.builder("42", "jwt").issuer("https://a.test/").build();
        GatewayPrincipal b = GatewayPrincipal.builder("42", "jwt").issuer("https://b.test/").build();

        assertEquals(false, a.equals(b));
        assertEquals("GatewayPrincipal[42 via jwt from https://a.test/]", a.toString());
    }
}
