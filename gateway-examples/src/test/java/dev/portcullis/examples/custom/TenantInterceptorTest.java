package dev.portcullis.examples.custom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.api.GatewayRequest;
import dev.portcullis.api.GatewayResponse;
import dev.portcullis.api.HttpHeaders;
import dev.portcullis.api.Pipeline;
import dev.portcullis.api.routing.Route;
import dev.portcullis.api.routing.RouteTable;
import dev.portcullis.api.routing.Routing;
import java.net.InetAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class TenantInterceptorTest {
    private final AtomicReference<GatewayRequest> reachedTerminal = new AtomicReference<>();
    private final Pipeline pipeline = Pipeline.builder()
            .add(Routing.interceptor(RouteTable.of(
                    Route.builder("api").path("/api/**").upstream("http://127.0.0.1:9").build())))
            .add(TenantInterceptor.builder().tenants("acme", "Globex").build())
            .build();

    @Test
    void aKnownTenantTravelsOnAsAnAttributeAndACanonicalHeader() throws Exception {
        GatewayResponse response = run("/api/orders", " ACME ");

        assertEquals(200, response.status());
        assertEquals("acme", reachedTerminal.get().attribute(TenantInterceptor.TENANT).orElseThrow());
        assertEquals("acme", reachedTerminal.get().headers().first("X-Tenant").orElseThrow());
    }

    @Test
    void tenantsConfiguredInAnyCaseAreMatchedInLowerCase() throws Exception {
        assertEquals(200, run("/api/orders", "globex").status());
    }

    @Test
    void anUnknownTenantIsAnswered403WithoutGoingFurther() throws Exception {
        GatewayResponse response = run("/api/orders", "initech");

        assertEquals(TenantInterceptor.UNKNOWN_TENANT, response.problem().orElseThrow().type());
        assertEquals(403, response.status());
        assertTrue(response.problem().orElseThrow().detail().orElseThrow().contains("X-Tenant"));
        assertNull(reachedTerminal.get(), "the terminal handler was not called");
    }

    @Test
    void aRoutedRequestWithoutTheHeaderIsAnswered400() throws Exception {
        GatewayResponse response = run("/api/orders", null);

        assertEquals(TenantInterceptor.TENANT_REQUIRED, response.problem().orElseThrow().type());
        assertEquals(400, response.status());
        assertNull(reachedTerminal.get());
    }

    @Test
    void aRequestForTheApplicationPassesWithoutATenant() throws Exception {
        assertEquals(200, run("/hello", null).status());
        assertTrue(reachedTerminal.get().attribute(TenantInterceptor.TENANT).isEmpty());
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

    private GatewayResponse run(String path, String tenant) throws Exception {
        HttpHeaders headers = tenant == null ? HttpHeaders.empty() : HttpHeaders.builder().add("X-Tenant", tenant).build();
        GatewayRequest request = GatewayRequest.builder().id("req-1").method("GET").authority("gw.example.com")
                .rawPath(path).headers(headers).clientAddress(InetAddress.getLoopbackAddress()).build();
        return pipeline.execute(request, seen -> {
            reachedTerminal.set(seen);
            return CompletableFuture.completedFuture(GatewayResponse.builder(200).build());
        }).toCompletableFuture().get(5, TimeUnit.SECONDS);
    }
}
