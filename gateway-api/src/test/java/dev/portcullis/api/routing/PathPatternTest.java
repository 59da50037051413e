package dev.portcullis.api.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PathPatternTest {

    /** Parses "a=1;b=2" into a map; "-" is no variables. */
    private static Map<String, String> variables(String text) {
        Map<String, String> map = new LinkedHashMap<>();
        if (!text.equals("-")) {
            for (String pair : text.split(";")) {
                map.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
            }
        }
        return map;
    }

    @ParameterizedTest(name = "{0} on {1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            # pattern              | raw path                | matches | variables
            /                      | /                       | true    | -
            /                      | /a                      | false   | -
            /api/users             | /api/users              | true    | -
            /api/users             | /api/users/             | false   | -
            /api/users             | /api/user               | false   | -
            /api/users             | /API/users              | false   | -
            /api/users/            | /api/users/             | true    | -
            /api/**                | /api                    | true    | -
            /api/**                | /api/                   | true    | -
            /api/**                | /api/x                  | true    | -
            /api/**                | /api/x/y/z              | true    | -
            /api/**                | /apiadmin               | false   | -
            /api/**                | /apiadmin/x             | false   | -
            /api/**                | /ap                     | false   | -
            /api/**                | /                       | false   | -
            /api/**                | /other/api              | false   | -
            /**                    | /                       | true    | -
            /**                    | /anything/at/all        | true    | -
            /api/*                 | /api/x                  | true    | -
            /api/*                 | /api                    | false   | -
            /api/*                 | /api/                   | false   | -
            /api/*                 | /api/x/y                | false   | -
            /*/health              | /orders/health          | true    | -
            /*/health              | //health                | false   | -
            /a/**/z                | /a/z                    | true    | -
            /a/**/z                | /a/b/c/z                | true    | -
            /a/**/z                | /a/b/c/zz               | false   | -
            /a/**/z                | /a/b/z/c                | false   | -
            /a/**/b/**/c           | /a/x/b/y/b/c            | true    | -
            /a/**/b/**/c           | /a/b/c                  | true    | -
            /a/**/b/**/c           | /a/c/b                  | false   | -
            /users/{id}            | /users/42               | true    | id=42
            /users/{id}            | /users/                 | false   | -
            /users/{id}            | /users/42/orders        | false   | -
            /users/{id}/orders/{o} | /users/7/orders/9       | true    | id=7;o=9
            /files/{name}          | /files/a%2Fb            | true    | name=a%2Fb
            /files/{name}          | /files/a/b              | false   | -
            /files/a%2Fb           | /files/a%2Fb            | true    | -
            /files/a%2Fb           | /files/a/b              | false   | -
            /files/a%2Fb           | /files/a%2fb            | false   | -
            /files/**              | /files/%2e%2e/secret    | true    | -
            /users/{id:[0-9]+}     | /users/42               | true    | id=42
            /users/{id:[0-9]+}     | /users/4x               | false   | -
            /v/{major:v\\d{1,2}}/** | /v/v12/x               | true    | major=v12
            /**/{last}             | /a/b/c                  | true    | last=c
            /{first}/**            | /a/b/c                  | true    | first=a
            /x/**/{id}/**          | /x/a/b                  | true    | id=a
            /caf%C3%A9             | /caf%C3%A9              | true    | -
            /a;v=1                 | /a;v=1                  | true    | -
            """)
    void patternsMatchRawPathsSegmentBySegment(String pattern, String path, boolean matches, String vars) {
        Map<String, String> found = PathPattern.parse(pattern, "t").match(path);

        if (matches) {
            assertEquals(variables(vars), found, pattern + " on " + path);
        } else {
            assertNull(found, pattern + " must not match " + path);
        }
    }

    @ParameterizedTest(name = "{0} is refused")
    @CsvSource(delimiter = '|', textBlock = """
            api/users       | must start with '/'
            /api//users     | empty segment
            /api/us*rs      | inside the segment
            /api/**x        | inside the segment
            /**/*.json      | inside the segment
            /api/{id        | inside the segment
            /api/x{id}      | inside the segment
            /api/{1id}      | invalid variable name
            /api/{}         | invalid variable name
            /a/{id}/b/{id}  | names {id} twice
            /a/{id:[}       | invalid regex in {id}
            /a/../b         | dot segment
            /a/./b          | dot segment
            /a/b?c          | inside the segment
            /a/b c          | inside the segment
            """)
    void malformedPatternsAreRefusedNamingTheRouteAndSetting(String pattern, String why) {
        IllegalArgumentException failure = assertThrows(IllegalArgumentException.class,
                () -> PathPattern.parse(pattern, "orders"));

        assertTrue(failure.getMessage().startsWith("route orders: path pattern '" + pattern + "'"),
                failure.getMessage());
        assertTrue(failure.getMessage().contains(why), failure.getMessage());
    }

    @Test
    void manyDoubleWildcardsOnALongPathStayFast() {
        PathPattern pattern = PathPattern.parse("/**/a/**/b/**/c/**/d/**/nope", "t");
        String path = "/a/b/c/d".repeat(500);

        long start = System.nanoTime();
        assertNull(pattern.match(path));
        assertTrue(System.nanoTime() - start < 2_000_000_000L, "backtracking must stay linear per wildcard");
    }

    @Test
    void aPatternWithoutVariablesReturnsTheSharedEmptyMap() {
        PathPattern pattern = PathPattern.parse("/api/**", "t");

        assertTrue(pattern.match("/api/x") == pattern.match("/api/y"));
    }
}
