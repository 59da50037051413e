package dev.portcullis.api.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.api.Attributes;
import dev.portcullis.api.GatewayRequest;
import dev.portcullis.api.GatewayResponse;
import dev.portcullis.api.HttpHeaders;
import dev.portcullis.api.Interceptor;
import dev.portcullis.api.Pipeline;
import dev.portcullis.api.TestRequests;
import dev.portcullis.api.routing.Route;
import dev.portcullis.api.routing.RouteTable;
import dev.portcullis.api.routing.Routing;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PerRouteAuthenticationTest {
    final HeaderKey partners = new HeaderKey("Partner");
    final HeaderKey internal = new HeaderKey("Internal");
    final HeaderKey standard = new HeaderKey("Standard");
    final RouteTable routes = RouteTable.of(
            route("partners").metadata(Authenticators.KEY, Authenticators.of(partners)).build(),
            route("internal").metadata(Authenticators.KEY, Authenticators.of(internal)).build(),
            route("public").metadata(Authenticators.KEY, Authenticators.anonymous()).build(),
            route("plain").build());
    final Authentication stage = Authentication.builder().defaults(Authenticators.of(standard)).routes(routes).build();

    static Route.Builder route(String id) {
        return Route.builder(id).path("/" + id + "/**").upstream("http://127.0.0.1:9");
    }

    /** Authenticates {@code X-<name>-Key: good}, rejects any other value, abstains without the header. */
    static final class HeaderKey implements Authenticator {
        final String name;
        final String header;
        final AtomicInteger asked = new AtomicInteger();

        HeaderKey(String name) {
            this.name = name;
            this.header = "X-" + name + "-Key";
        }

        @Override
        public CompletionStage<AuthResult> authenticate(GatewayRequest request) {
            asked.incrementAndGet();
            return CompletableFuture.completedFuture(request.headers().first(header)
                    .map(value -> value.equals("good")
                            ? AuthResult.authenticated(GatewayPrincipal.builder(name + "-user", name).build(), request)
                            : AuthResult.invalidToken(name + " refused the key"))
                    .orElse(AuthResult.abstain()));
        }

        @Override
        public GatewayRequest withoutCredentials(GatewayRequest request) {
            return request.toBuilder().headers(request.headers().toBuilder().remove(header).build()).build();
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** Answers 200 naming the principal and echoing every request header as {@code Echo-<name>}. */
    static CompletionStage<GatewayResponse> echo(GatewayRequest request) {
        GatewayResponse.Builder response = GatewayResponse.builder(200).header("Principal",
                request.attribute(GatewayPrincipal.ATTRIBUTE).map(GatewayPrincipal::name).orElse("-"));
        for (String name : request.headers().names()) {
            response.header("Echo-" + name, request.headers().first(name).orElseThrow());
        }
        return CompletableFuture.completedFuture(response.build());
    }

    GatewayResponse run(Interceptor authentication, String path, String... headers) {
        return run(authentication, TestRequests.builder("GET", path), headers);
    }

    GatewayResponse run(Interceptor authentication, GatewayRequest.Builder request, String... headers) {
        HttpHeaders.Builder sent = HttpHeaders.builder();
        for (int i = 0; i < headers.length; i += 2) {
            sent.add(headers[i], headers[i + 1]);
        }
        request.headers(sent.build());
        Pipeline pipeline = Pipeline.builder().add(Routing.interceptor(routes)).add(authentication).build();
        return pipeline.execute(request.build(), PerRouteAuthenticationTest::echo).toCompletableFuture().join();
    }

    @Test
    void aRouteThatNamesAnAuthenticatorIsAuthenticatedByItAndNotByTheDefaults() {
        GatewayResponse partner = run(stage, "/partners/a", "X-Partner-Key", "good", "X-Standard-Key", "good");

        assertEquals("Partner-user", partner.headers().first("Principal").orElseThrow());
        assertEquals(0, standard.asked.get(), "the defaults are not asked on a route that names its own");
    }

    @Test
    void aRouteRefusesTheCredentialOfAnotherRoutesAuthenticatorAsAnonymous() {
        GatewayResponse response = run(stage, "/internal/a", "X-Partner-Key", "good");

        assertEquals(200, response.status());
        assertEquals("-", response.headers().first("Principal").orElseThrow());
        assertEquals(0, partners.asked.get());
    }

    @Test
    void aRejectionComesOnlyFromTheAuthenticatorsTheRouteConsults() {
        GatewayResponse bad = run(stage, "/internal/a", "X-Partner-Key", "bad", "X-Internal-Key", "bad");

        assertEquals(401, bad.status());
        String challenge = bad.headers().first("WWW-Authenticate").orElseThrow();
        assertTrue(challenge.contains("Internal refused the key"), challenge);
        assertEquals(0, partners.asked.get());
    }

    @Test
    void everyCredentialTheStageKnowsIsRemovedWhicheverRouteWon() {
        GatewayResponse response = run(stage, "/partners/a", "X-Partner-Key", "good", "X-Internal-Key", "good",
                "X-Standard-Key", "good", "X-Other-Key", "kept");

        assertEquals("Partner-user", response.headers().first("Principal").orElseThrow());
        for (String header : List.of("X-Partner-Key", "X-Internal-Key", "X-Standard-Key")) {
            assertTrue(response.headers().first("Echo-" + header).isEmpty(), header);
        }
        assertEquals("kept", response.headers().first("Echo-X-Other-Key").orElseThrow());
    }

    @Test
    void anAnonymousRouteAsksNobodyAndStripsCredentialsIdentityHeadersAndAnEarlierPrincipal() {
        GatewayRequest.Builder request = TestRequests.builder("GET", "/public/a")
                .attributes(Attributes.empty().with(GatewayPrincipal.ATTRIBUTE,
                        GatewayPrincipal.builder("forged", "earlier").build()));

        GatewayResponse response = run(stage, request, "X-Partner-Key", "bad", "X-Standard-Key", "good",
                "x_user_roles", "admin", "X-User-Sub", "root");

        assertEquals(200, response.status());
        assertEquals("-", response.headers().first("Principal").orElseThrow());
        assertEquals(0, partners.asked.get() + internal.asked.get() + standard.asked.get());
        for (String header : List.of("X-Partner-Key", "X-Standard-Key", "x_user_roles", "X-User-Sub")) {
            assertTrue(response.headers().first("Echo-" + header).isEmpty(), header);
        }
    }

    @Test
    void aRouteThatSaysNothingAndARequestWithoutRouteUseTheDefaults() {
        GatewayResponse plain = run(stage, "/plain/a", "X-Standard-Key", "good", "X-Partner-Key", "good");
        GatewayResponse unmatched = run(stage, "/elsewhere", "X-Standard-Key", "bad");

        assertEquals("Standard-user", plain.headers().first("Principal").orElseThrow());
        assertTrue(plain.headers().first("Echo-X-Partner-Key").isEmpty());
        assertEquals(401, unmatched.status());
        assertEquals(0, partners.asked.get());
    }

    @Test
    void aRouteAuthenticatorTheStageWasNotToldAboutStillStripsOnItsOwnRoute() {
        Authentication withoutRoutes = Authentication.interceptor(standard);

        GatewayResponse response = run(withoutRoutes, "/partners/a", "X-Partner-Key", "good", "X-Standard-Key", "x");

        assertEquals("Partner-user", response.headers().first("Principal").orElseThrow());
        assertTrue(response.headers().first("Echo-X-Partner-Key").isEmpty());
        assertTrue(response.headers().first("Echo-X-Standard-Key").isEmpty());
    }

    @Test
    void badSettingsFailAtBuildNamingTheSetting() {
        IllegalStateException noDefaults = assertThrows(IllegalStateException.class,
                () -> Authentication.builder().routes(routes).build());
        NullPointerException nullOne = assertThrows(NullPointerException.class,
                () -> Authenticators.of(standard, partners, null));
        IllegalArgumentException twice = assertThrows(IllegalArgumentException.class,
                () -> Authenticators.of(standard, standard));
        IllegalArgumentException prefix = assertThrows(IllegalArgumentException.class,
                () -> Authentication.builder().identityHeaderPrefix("X User"));

        assertTrue(noDefaults.getMessage().contains("defaults"), noDefaults.getMessage());
        assertEquals("authenticators[2] is null", nullOne.getMessage());
        assertTrue(twice.getMessage().contains("Standard is given twice"), twice.getMessage());
        assertTrue(prefix.getMessage().contains("identityHeaderPrefix"), prefix.getMessage());
    }

    @Test
    void anonymousIsOneValueAndOfKeepsTheOrder() {
        assertTrue(Authenticators.anonymous().isAnonymous());
        assertEquals(List.of(), Authenticators.anonymous().list());
        assertEquals(List.of(partners, internal), Authenticators.of(partners, internal).list());
        assertFalse(Authenticators.of(partners).isAnonymous());
        assertEquals(Authenticators.of(partners), Authenticators.of(partners));
    }
}
