package dev.portcullis.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ProblemTest {

    private static Problem.Builder forbidden() {
        return Problem.builder(ProblemTypes.FORBIDDEN, 403, "Forbidden");
    }

    @ParameterizedTest
    @ValueSource(strings = {"type", "title", "status", "detail", "instance", "requestId"})
    void standardMemberNamesCannotBeExtensions(String name) {
        IllegalArgumentException failure = assertThrows(IllegalArgumentException.class,
                () -> forbidden().extension(name, "x"));

        assertTrue(failure.getMessage().contains(name), failure.getMessage());
    }

    @Test
    void extensionsKeepTheirInsertionOrderAndCannotBeChanged() {
        Problem problem = forbidden().extension("b", 1).extension("a", List.of("x")).build();

        assertEquals(List.of("b", "a"), List.copyOf(problem.extensions().keySet()));
        assertThrows(UnsupportedOperationException.class, () -> problem.extensions().put("c", 3));
    }

    @ParameterizedTest
    @ValueSource(ints = {200, 302, 399, 600})
    void aProblemMustBeAClientOrServerError(int status) {
        assertThrows(IllegalArgumentException.class, () -> Problem.builder(ProblemTypes.BAD_REQUEST, status, "x").build());
    }

    @Test
    void detailIsOptional() {
        assertEquals(Optional.empty(), forbidden().build().detail());
        assertEquals(Optional.of("no"), forbidden().detail("no").build().detail());
    }

    @Test
    void aProblemResponseCarriesTheProblemAndItsStatus() {
        Problem problem = forbidden().build();
        GatewayResponse response = GatewayResponse.problem(problem);

        assertEquals(403, response.status());
        assertSame(problem, response.problem().orElseThrow());
    }

    @Test
    void aProblemExceptionCarriesItsProblemWithoutAStackTrace() {
        Problem problem = forbidden().build();
        ProblemException exception = new ProblemException(problem);

        assertSame(problem, exception.problem());
        assertEquals(0, exception.getStackTrace().length);
        assertNull(exception.getCause());
    }
}
