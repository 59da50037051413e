package dev.portcullis.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A wrong file fails with the file, line, column and setting of every mistake, and never shows a secret. */
class ConfigErrorsTest {
    @TempDir
    Path directory;

    private ConfigFiles files() {
        return new ConfigFiles(directory, Map.of("TOO_SHORT", "short-but-secret", "REDIS_URL",
                "bogus://user:TopSecretPassword@redis.example:6379"));
    }

    @Test
    void anUnknownKeyNamesTheNearestValidSetting() {
        assertEquals(List.of("gateway.yaml:5:5: routes[0].timeout: unknown setting 'timeout'; did you mean "
                        + "'timeouts'?"),
                files().problems(
                        "pipeline: [routing]",
                        "routes:",
                        "  - id: api",
                        "    upstreams: [http://127.0.0.1:9001]",
                        "    timeout: {connect: 1s}"));
    }

    @Test
    void aKeyWrittenInAnotherCaseConventionIsRecognised() {
        assertEquals(List.of("gateway.yaml:4:5: routes[0].strip_prefix: unknown setting 'strip_prefix'; did you "
                        + "mean 'stripPrefix'?"),
                files().problems(
                        "pipeline: [routing]",
                        "routes:",
                        "  - id: api",
                        "    strip_prefix: 1",
                        "    upstreams: [http://127.0.0.1:9001]"));
    }

    @Test
    void aValueOfTheWrongTypeNamesWhatWasExpected() {
        assertEquals(List.of("gateway.yaml:4:18: routes[0].stripPrefix: expected an integer, found the string 'two'"),
                files().problems(
                        "pipeline: [routing]",
                        "routes:",
                        "  - id: api",
                        "    stripPrefix: two",
                        "    upstreams: [http://127.0.0.1:9001]"));
    }

    @Test
    void anOutOfRangeValueIsRefusedByTheDslAndPointedAtInTheFile() {
        assertEquals(List.of("gateway.yaml:5:25: routes[0].timeouts.connect: route api: connectTimeout must be more "
                        + "than 0 and at most PT1H, was PT2H"),
                files().problems(
                        "pipeline: [routing]",
                        "routes:",
                        "  - id: api",
                        "    upstreams: [http://127.0.0.1:9001]",
                        "    timeouts: {connect: 2h}"));
    }

    @Test
    void aDanglingReferenceNamesTheNearestExistingName() {
        List<String> problems = files().problems(
                "pipeline: [routing, userLimit]",
                "routes:",
                "  - id: api",
                "    upstreams: [http://127.0.0.1:9001]",
                "    rateLimit: per-usr",
                "rateLimiting:",
                "  policies:",
                "    per-user: {limits: [{name: burst, quota: 5, window: 1s, refill: greedy}]}",
                "  limiters:",
                "    userLimit: {}");
        assertEquals(List.of("gateway.yaml:5:16: routes[0].rateLimit: no rate-limit policy named 'per-usr'; did you "
                + "mean 'per-user'?"), problems);
    }

    @Test
    void twoRoutesWithOneIdAreAConflictNamingTheFirst() {
        assertEquals(List.of("gateway.yaml:5:9: routes[1].id: the route id 'api' is used twice (first at routes[0])"),
                files().problems(
                        "pipeline: [routing]",
                        "routes:",
                        "  - id: api",
                        "    upstreams: [http://127.0.0.1:9001]",
                        "  - id: api",
                        "    upstreams: [http://127.0.0.1:9002]"));
    }

    @Test
    void everyMistakeOfAFileIsReportedAtOnceInFileOrder() {
        assertEquals(List.of(
                        "gateway.yaml:3:5: routes[0].upstreams: missing required setting 'upstreams'",
                        "gateway.yaml:7:19: routes[1].preserveHost: write true or false, not 'yes'",
                        "gateway.yaml:8:13: routes[1].hosts[0]: expected a string, found a map"),
                files().problems(
                        "pipeline: [routing]",
                        "routes:",
                        "  - id: api",
                        "    path: /api/**",
                        "  - id: web",
                        "    upstreams: [http://127.0.0.1:9001]",
                        "    preserveHost: yes",
                        "    hosts: [{name: a}]"));
    }

    @Test
    void anUnknownStageNamesTheNearestStageOnceTheFileBinds() {
        assertEquals(List.of("gateway.yaml:1:21: pipeline[1]: no stage named 'corz'; did you mean 'cors'?"),
                files().problems(
                        "pipeline: [routing, corz]",
                        "routes: [{id: api, upstreams: [http://127.0.0.1:9001]}]"));
    }

    @Test
    void durationsAndSizesNeedAUnitAndSayWhichAreKnown() {
        List<String> problems = files().problems(
                "pipeline: [routing, guards]",
                "guards: {maxBodySize: 64KB}",
                "routes:",
                "  - id: api",
                "    upstreams: [http://127.0.0.1:9001]",
                "    timeouts: {connect: 5}");
        assertEquals(List.of(
                "gateway.yaml:2:23: guards.maxBodySize: expected a size unit of B, KiB, MiB or GiB, found 'KB'; did "
                        + "you mean 64KiB?",
                "gateway.yaml:6:25: routes[0].timeouts.connect: expected a duration such as 250ms, 10s or 1m, found "
                        + "the integer 5"), problems);
    }

    /** @return a file whose issuer's hmacSecret (at line 7, column 23) is the given text */
    private static String[] issuerWithSecret(String hmacSecret) {
        return new String[] {
            "pipeline: [authentication]",
            "authenticators:",
            "  staff:",
            "    jwt:",
            "      issuers:",
            "        - issuer: https://idp.example",
            "          hmacSecret: " + hmacSecret,
            "authentication: {defaults: [staff]}"};
    }

    @Test
    void aSecretWrittenInTheFileIsRefusedWithoutQuotingIt() {
        List<String> problems = files().problems(issuerWithSecret("my-literal-hmac-secret-value"));
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("gateway.yaml:7:23: authenticators.staff.jwt.issuers[0].hmacSecret: "
                + "a secret must be a reference, ${ENV_VAR} or ${file:path}"), problems.get(0));
        assertFalse(problems.get(0).contains("my-literal"), problems.get(0));
    }

    @Test
    void aSecretALibraryEchoesInItsMessageIsRedacted() {
        List<String> problems = files().problems(
                "pipeline: [limit]",
                "rateLimiting:",
                "  stores: {shared: {redis: {uri: '${REDIS_URL}'}}}",
                "  limiters: {limit: {store: shared}}");
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("gateway.yaml:3:34: rateLimiting.stores.shared.redis.uri: "),
                problems.get(0));
        assertFalse(problems.get(0).contains("TopSecretPassword"), problems.get(0));
    }

    @Test
    void aMissingEnvironmentVariableIsNamed() {
        assertEquals(List.of("gateway.yaml:7:23: authenticators.staff.jwt.issuers[0].hmacSecret: the environment "
                        + "variable JWT_SECRET is not set"),
                files().problems(issuerWithSecret("${JWT_SECRET}")));
    }

    @Test
    void aYamlSyntaxErrorPointsAtItsLine() {
        List<String> problems = files().problems(
                "pipeline: [routing",
                "routes: []");
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("gateway.yaml:2:"), problems.get(0));
        assertTrue(problems.get(0).contains("not valid YAML"), problems.get(0));
    }

    @Test
    void aKeyGivenTwiceIsAConflict() {
        assertEquals(List.of("gateway.yaml:3:1: pipeline: the key 'pipeline' is given twice (first at line 1)"),
                files().problems(
                        "pipeline: [routing]",
                        "routes: [{id: api, upstreams: [http://127.0.0.1:9001]}]",
                        "pipeline: [guards]"));
    }
}
