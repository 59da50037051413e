package dev.portcullis.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PathGuardTest {
    private final PathGuard guard = new PathGuard(false);

    @ParameterizedTest
    @ValueSource(strings = {"/", "/api/users/7", "/a%20b", "/caf%C3%A9", "/api//x", "/a%25b", "/a%3Fb",
        "/.well-known/x", "/a..b/c.d", "/~user/@me:1"})
    void unambiguousPathsAreAccepted(String path) {
        assertEquals(Optional.empty(), guard.check(path, null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/admin.", "/admin%20", "/admin./x", "/api/admin%20/x", "/a.../b"})
    void segmentsEndingInADotOrASpaceAreRefused(String path) {
        assertTrue(guard.check(path, null).orElseThrow().contains("ending in a dot or a space"), path);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/a/../b", "/..", "/a/./b", "/a/.."})
    void dotSegmentsAreRefused(String path) {
        assertTrue(guard.check(path, null).orElseThrow().contains("dot segment"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/%61dmin/x", "/api/ADMI%4E", "/%2e%2e/admin", "/%2E/x", "/.%2e/x", "/a%2Db",
        "/a%5fb", "/%7Euser", "/v%31"})
    void escapesOfUnreservedCharactersAreRefusedBecauseUpstreamsDecodeThem(String path) {
        assertTrue(guard.check(path, null).orElseThrow().contains("needs none"), path);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/admin;a=b/x", "/a;b=c/d", "/..;/admin", "/.;x/y", "/a/%2e%2e;jsessionid=1/b",
        "/x;"})
    void matrixParametersAreRefusedBecauseContainersStripThem(String path) {
        assertTrue(guard.check(path, null).isPresent(), path);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/a%2Fb", "/a%2fb", "/a%5Cb"})
    void encodedSlashesAndBackslashesAreRefusedUnlessAllowed(String path) {
        assertTrue(guard.check(path, null).isPresent());
        assertEquals(Optional.empty(), new PathGuard(true).check(path, null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/a%00b", "/a%0Ab", "/a%7F", "/a b", "/a\\b", "/a\tb", "/caf\u00e9", "/a%zz", "/a%4",
        "/%C3%28", "/%FF", "/a|b", "relative"})
    void controlCharactersMalformedEscapesAndInvalidUtf8AreRefused(String path) {
        assertTrue(guard.check(path, null).isPresent(), path);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a=1&b=%26", "q=x/y?z", "", "a=%2F"})
    void wellFormedQueriesAreAccepted(String query) {
        assertEquals(Optional.empty(), guard.check("/x", query));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a=1 2", "a=\u0001", "a=\"x\""})
    void queriesWithCharactersThatMustBeEncodedAreRefused(String query) {
        assertTrue(guard.check("/x", query).isPresent());
    }
}
