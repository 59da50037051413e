package dev.portcullis.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.api.auth.AuthResult;
import dev.portcullis.api.auth.Authenticator;
import dev.portcullis.api.auth.GatewayPrincipal;
import dev.portcullis.auth.apikey.ApiKeyStore;
import dev.portcullis.auth.apikey.ApiKeys;
import dev.portcullis.config.InterceptorRegistry;
import dev.portcullis.ratelimit.BucketStore;
import dev.portcullis.ratelimit.LocalBucketStore;
import dev.portcullis.test.InterceptorRunner;
import dev.portcullis.test.TestRequest;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

/** Authenticator, API-key store and bucket store beans are parts the gateway file names by bean name. */
class PartBeansTest {
    /** Lets a request with an {@code X-Partner} header through as the partner, abstains otherwise. */
    private static final Authenticator PARTNERS = request -> CompletableFuture.completedFuture(
            request.headers().first("X-Partner").isEmpty() ? AuthResult.abstain()
                    : AuthResult.authenticated(GatewayPrincipal.builder("partner", "partners").build(), request));

    @TempDir
    Path directory;

    private WebApplicationContextRunner runner(String... file) {
        Path gateway = StarterFiles.write(directory.resolve("gateway.yaml"), String.join("\n", file) + "\n");
        return new WebApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(PortcullisAutoConfiguration.class))
                .withPropertyValues("portcullis.config-file=" + gateway)
                .withBean("partnerAuth", Authenticator.class, () -> PARTNERS)
                .withBean("dbKeys", ApiKeyStore.class, () -> ApiKeys.builder()
                        .key(ApiKeys.sha256Hex("partner-key"), "reporting", Set.of(), Set.of()).build())
                .withBean("sharedBuckets", BucketStore.class, () -> LocalBucketStore.builder().build());
    }

    @Test
    void theFileNamesAuthenticatorApiKeyStoreAndBucketStoreBeansByBeanName() {
        runner("pipeline: [routing, authentication, authorization, limit]",
                "routes: [{id: api, path: /api/**, upstreams: ['http://127.0.0.1:9']}]",
                "authenticators:",
                "  partners: {custom: partnerAuth}",
                "  keys: {apiKeys: {customStore: dbKeys}}",
                "authentication: {defaults: [partners, keys]}",
                "rateLimiting:",
                "  stores: {shared: {custom: sharedBuckets}}",
                "  policies: {p: {limits: [{name: b, quota: 2, window: 1h, refill: greedy}], key: client-ip}}",
                "  limiters: {limit: {defaultPolicy: p, store: shared}}")
                .run(context -> {
                    InterceptorRegistry registry = context.getBean(InterceptorRegistry.class);
                    assertThat(registry.parts(Authenticator.class)).containsEntry("partnerAuth", PARTNERS);
                    assertThat(registry.parts(BucketStore.class))
                            .containsEntry("sharedBuckets", context.getBean(BucketStore.class));
                    InterceptorRunner gateway = InterceptorRunner.of(
                            context.getBean(ConfiguredGateway.class).config().pipeline());
                    assertThat(gateway.run(TestRequest.get("/api/x").header("X-Partner", "acme").build()).status())
                            .isEqualTo(200);
                    assertThat(gateway.run(TestRequest.get("/api/x").header("X-API-Key", "partner-key").build())
                            .status()).isEqualTo(200);
                    assertThat(gateway.run(TestRequest.get("/api/x").build()).status()).isEqualTo(401);
                    assertThat(gateway.run(TestRequest.get("/api/x").header("X-Partner", "acme").build()).status())
                            .as("the third request of the client in the registered store's bucket of 2")
                            .isEqualTo(429);
                });
    }

    @Test
    void theGuidesPartnerKeysBeanIsTheStoreOfTheGuidesFile() throws Exception {
        Path file = Path.of(PartBeansTest.class.getResource("/partner-keys.yaml").toURI());
        new WebApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(PortcullisAutoConfiguration.class))
                .withPropertyValues("portcullis.config-file=" + file)
                .withUserConfiguration(PartnerKeysConfiguration.class)
                .run(context -> {
                    InterceptorRunner gateway = InterceptorRunner.of(
                            context.getBean(ConfiguredGateway.class).config().pipeline());
                    assertThat(gateway.run(TestRequest.get("/api/reports/7")
                            .header("X-API-Key", PartnerKeysConfiguration.KEY).build()).status()).isEqualTo(200);
                    assertThat(gateway.run(TestRequest.get("/api/reports/7").header("X-API-Key", "guessed")
                            .build()).status()).isEqualTo(401);
                });
    }

    @Test
    void startupFailsWhenTheFileNamesNoBeanSuggestingTheNearestBeanName() {
        runner("pipeline: [routing, authentication]",
                "routes: [{id: api, path: /api/**, upstreams: ['http://127.0.0.1:9']}]",
                "authenticators: {partners: {custom: partnerAuht}}",
                "authentication: {defaults: [partners]}")
                .run(context -> assertThat(context).getFailure().rootCause()
                        .isInstanceOf(InvalidConfigurationPropertyValueException.class)
                        .hasMessageContaining("gateway.yaml:3:37: authenticators.partners.custom: no custom "
                                + "authenticator is registered as 'partnerAuht'; did you mean 'partnerAuth'?"));
    }
}
