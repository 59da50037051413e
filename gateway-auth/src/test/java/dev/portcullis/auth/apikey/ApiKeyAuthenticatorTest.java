package dev.portcullis.auth.apikey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.api.GatewayResponse;
import dev.portcullis.api.HttpHeaders;
import dev.portcullis.api.auth.Authentication;
import dev.portcullis.auth.Exchanges;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiKeyAuthenticatorTest {
    static final String KEY = "k-7f3a9c1e5b2d4f6a8c0e";

    final ApiKeys keys = ApiKeys.builder()
            .key(ApiKeys.sha256Hex(KEY), "reporting", Set.of("reports:read"), Set.of("service")).build();
    final Authentication auth = Authentication.interceptor(
            ApiKeyAuthenticator.builder(keys).queryParameter("api_key").build());

    static dev.portcullis.api.GatewayRequest withKey(String key) {
        return Exchanges.request("/r").headers(HttpHeaders.builder().add("X-API-Key", key).build()).build();
    }

    @Test
    void knownKeyAuthenticatesWithItsScopesAndRoles() {
        GatewayResponse response = Exchanges.run(withKey(KEY), auth);
        assertEquals("reporting", response.headers().first("X-Principal").orElseThrow());
        assertEquals("reports:read", response.headers().first("X-Scopes").orElseThrow());
        assertEquals("service", response.headers().first("X-Roles").orElseThrow());
    }

    @Test
    void unknownKeyIsRejectedWithoutEchoingIt() {
        GatewayResponse response = Exchanges.run(withKey("guess"), auth);
        assertEquals(401, response.status());
        assertFalse(response.problem().orElseThrow().toString().contains("guess"));
    }

    @Test
    void queryParameterKeyIsRemovedFromTheForwardedUrl() {
        GatewayResponse response = Exchanges.run(Exchanges.request("/r?x=1&api_key=" + KEY).build(), auth);
        assertEquals(200, response.status());
        assertEquals("x=1", response.headers().first("X-Query").orElseThrow());
    }

    @Test
    void keyHeaderIsRemovedFromTheForwardedRequest() {
        GatewayResponse response = Exchanges.run(withKey(KEY), auth);
        assertEquals(200, response.status());
        assertTrue(response.headers().first("Echo-X-API-Key").isEmpty());
    }

    @Test
    void twoDifferentKeysAreAMalformedRequestAnswered400() {
        GatewayResponse response = Exchanges.run(Exchanges.request("/r?api_key=other")
                .headers(HttpHeaders.builder().add("X-API-Key", KEY).build()).build(), auth);
        assertEquals(400, response.status());
    }

    @Test
    void requestWithoutKeyPassesAnonymously() {
        GatewayResponse response = Exchanges.run(Exchanges.request("/r").build(), auth);
        assertEquals(200, response.status());
        assertTrue(response.headers().first("X-Principal").isEmpty());
    }

    @Test
    void keysLoadFromAJsonFileOfHashes(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("keys.json");
        Files.writeString(file, "[{\"sha256\":\"" + ApiKeys.sha256Hex("file-key") + "\",\"name\":\"batch\","
                + "\"scopes\":[\"jobs:run\"]}]");
        ApiKeys fromFile = ApiKeys.builder().file(file).build();
        GatewayResponse response = Exchanges.run(withKey("file-key"),
                Authentication.interceptor(ApiKeyAuthenticator.builder(fromFile).build()));
        assertEquals("batch", response.headers().first("X-Principal").orElseThrow());
        assertFalse(Files.readString(file).contains("file-key"));
    }

    @Test
    void malformedHashFailsAtBuildNamingTheKey() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ApiKeys.builder().key("plain-text-key", "svc", Set.of(), Set.of()));
        assertTrue(e.getMessage().contains("svc") && e.getMessage().contains("sha256"), e.getMessage());
    }
}
