package dev.portcullis.examples.custom;

import static dev.portcullis.test.ProblemAssert.assertThatProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.api.GatewayRequest;
import dev.portcullis.api.routing.Route;
import dev.portcullis.api.routing.RouteTable;
import dev.portcullis.api.routing.Routing;
import dev.portcullis.test.InterceptorRunner;
import dev.portcullis.test.RunResult;
import dev.portcullis.test.TestRequest;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The tenant check without a container, with the test kit's {@link InterceptorRunner}. */
class TenantInterceptorTest {
    private final InterceptorRunner runner = InterceptorRunner.of(
            Routing.interceptor(RouteTable.of(
                    Route.builder("api").path("/api/**").upstream("http://127.0.0.1:9").build())),
            TenantInterceptor.builder().tenants("acme", "Globex").build());

    @Test
    void aKnownTenantTravelsOnAsAnAttributeAndACanonicalHeader() {
        RunResult result = runner.run(TestRequest.get("/api/orders").header("X-Tenant", " ACME ").build());

        assertEquals(200, result.status());
        GatewayRequest forwarded = result.forwarded();
        assertEquals(Optional.of("acme"), forwarded.attribute(TenantInterceptor.TENANT));
        assertEquals(Optional.of("acme"), forwarded.headers().first("X-Tenant"));
    }

    @Test
    void tenantsConfiguredInAnyCaseAreMatchedInLowerCase() {
        assertEquals(200, runner.run(TestRequest.get("/api/orders").header("X-Tenant", "globex").build()).status());
    }

    @Test
    void anUnknownTenantIsAnswered403WithoutGoingFurther() {
        RunResult result = runner.run(TestRequest.get("/api/orders").header("X-Tenant", "initech").build());

        assertThatProblem(result).hasStatus(403).hasType(TenantInterceptor.UNKNOWN_TENANT)
                .hasDetailContaining("X-Tenant").hasRequestId().doesNotContain("initech");
        assertEquals(Optional.of("TenantInterceptor"), result.answeredBy());
        assertFalse(result.reachedTerminal(), "the terminal handler was not called");
    }

    @Test
    void aRoutedRequestWithoutTheHeaderIsAnswered400() {
        RunResult result = runner.run(TestRequest.get("/api/orders").build());

        assertThatProblem(result).hasStatus(400).hasType(TenantInterceptor.TENANT_REQUIRED).hasRequestId();
        assertFalse(result.reachedTerminal());
    }

    @Test
    void aRequestForTheApplicationPassesWithoutATenant() {
        RunResult result = runner.run(TestRequest.get("/hello").build());

        assertEquals(200, result.status());
        assertTrue(result.forwarded().attribute(TenantInterceptor.TENANT).isEmpty());
    }

    @Test
    void buildNamesTheTenantsSettingWhenNoneIsGiven() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TenantInterceptor.builder().build());
        assertTrue(e.getMessage().startsWith("tenants:"), e.getMessage());
    }

    @Test
    void buildNamesTheHeaderSettingWhenItIsNotAHeaderName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TenantInterceptor.builder().header("X Tenant").tenants("acme").build());
        assertTrue(e.getMessage().startsWith("header:"), e.getMessage());
    }

    @Test
    void buildRefusesATenantIdThatIsNotASimpleToken() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TenantInterceptor.builder().tenants("acme corp").build());
        assertTrue(e.getMessage().contains("'acme corp'"), e.getMessage());
    }
}
