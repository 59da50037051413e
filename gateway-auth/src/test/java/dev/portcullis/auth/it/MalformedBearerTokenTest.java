package dev.portcullis.auth.it;

import static dev.portcullis.auth.it.Wire.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portcullis.api.ProblemTypes;
import dev.portcullis.auth.SharedTestData;
import dev.portcullis.auth.Tokens;
import dev.portcullis.servlet.it.RawHttp;
import dev.portcullis.servlet.it.ServletContainer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * RFC 6750 §3.1 error pairing on the wire, in each container, over a raw socket so the {@code Authorization}
 * header reaches the gateway byte for byte: a malformed token is {@code 401 invalid_token}, a malformed request
 * (a token sent two ways) is {@code 400 invalid_request}, and neither reaches the upstream.
 *
 * <p>The malformed tokens are Project Wycheproof's JWS cases whose compact serialization carries spaces or
 * characters outside base64url, read from the shared test data when it is present (the vectors are never copied
 * into this repository); without it those tests are skipped.
 */
class MalformedBearerTokenTest extends GatewayPerContainer {
    /** The stored copy (SHA-256 pinned in its README) has this many such cases. */
    private static final int MALFORMED_CASES = 12;
    private static final Pattern COMPACT_JWS_ALPHABET = Pattern.compile("[A-Za-z0-9_\\-.]*");

    @ParameterizedTest
    @MethodSource(AuthGateway.CONTAINERS)
    void everyWycheproofTokenWithSpacesOrCharactersOutsideBase64UrlGets401InvalidTokenAndNeverReachesTheUpstream(
            ServletContainer container) throws Exception {
        Map<String, String> tokens = malformedWycheproofTokens();
        assertEquals(MALFORMED_CASES, tokens.size(), "malformed cases: " + tokens.keySet());
        AuthGateway gateway = gateway(container);
        int before = gateway.upstreamCalls();
        List<String> wrong = new ArrayList<>();

        for (Map.Entry<String, String> vector : tokens.entrySet()) {
            RawHttp.Response response = get(gateway, "/api/x", "Bearer " + vector.getValue());
            try {
                assertInvalidToken(response);
            } catch (AssertionError e) {
                wrong.add(vector.getKey() + ": " + e.getMessage());
            }
        }

        assertEquals(List.of(), wrong);
        assertEquals(before, gateway.upstreamCalls(), "no malformed token reached the upstream");
    }

    @ParameterizedTest
    @MethodSource(AuthGateway.CONTAINERS)
    void bearerFollowedByTwoWordsGets401InvalidTokenAndNeverReachesTheUpstream(ServletContainer container)
            throws Exception {
        AuthGateway gateway = gateway(container);
        int before = gateway.upstreamCalls();

        assertInvalidToken(get(gateway, "/api/x", "Bearer a b"));

        assertEquals(before, gateway.upstreamCalls());
    }

    @ParameterizedTest
    @MethodSource(AuthGateway.CONTAINERS)
    void aHeaderTokenAndAnAccessTokenQueryParameterSameOrDifferentGet400InvalidRequestAndNeverReachTheUpstream(
            ServletContainer container) throws Exception {
        AuthGateway gateway = gateway(container);
        String header = gateway.token();
        String other = Tokens.rs256(AuthGateway.MAIN_KEY, gateway.claims("main").jwtID("another").build());
        int before = gateway.upstreamCalls();

        for (String token : List.of(header, other)) {
            RawHttp.Response response = get(gateway, "/api/x?access_token=" + token, "Bearer " + header);
            List<String> challenges = assertProblem(response, 400, ProblemTypes.BAD_REQUEST);
            assertEquals(1, challenges.size(), challenges.toString());
            assertTrue(challenges.get(0).startsWith("Bearer error=\"invalid_request\""), challenges.get(0));
            assertFalse(response.text().contains(token), "the token is not echoed");
        }

        assertEquals(before, gateway.upstreamCalls());
    }

    private static void assertInvalidToken(RawHttp.Response response) {
        List<String> challenges = assertProblem(response, 401, ProblemTypes.UNAUTHORIZED);
        assertEquals(1, challenges.size(), challenges.toString());
        assertTrue(challenges.get(0).startsWith("Bearer error=\"invalid_token\""), challenges.get(0));
        assertFalse(challenges.get(0).contains("invalid_request"), challenges.get(0));
    }

    /** @return {@code GET target} with the {@code Authorization} value exactly as given, read from a raw socket */
    private static RawHttp.Response get(AuthGateway gateway, String target, String authorization)
            throws IOException {
        return RawHttp.exchange(gateway.server.port(), "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Authorization: " + authorization + "\r\nConnection: close\r\n\r\n");
    }

    /**
     * @return the compact-serialized Wycheproof JWS tokens holding a character outside base64url and {@code .},
     *     keyed by {@code tcId comment}; skips the calling test when the shared test data is absent
     */
    private static Map<String, String> malformedWycheproofTokens() throws IOException {
        Path file = SharedTestData.file("wycheproof/json_web_signature_test.json").orElse(null);
        assumeTrue(file != null, "Wycheproof vectors not present in ../shared/testdata beside the project; skipped");
        Map<String, String> tokens = new LinkedHashMap<>();
        for (JsonNode group : new ObjectMapper().readTree(file.toFile()).get("testGroups")) {
            for (JsonNode test : group.get("tests")) {
                String jws = test.path("jws").asText("");
                if (!jws.startsWith("{") && !COMPACT_JWS_ALPHABET.matcher(jws).matches()) {
                    tokens.put(test.get("tcId").asInt() + " " + test.get("comment").asText(), jws);
                }
            }
        }
        return tokens;
    }
}
