package dev.portcullis.auth.it;

import dev.portcullis.servlet.it.ServletContainer;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * The lifecycle every auth integration test class shares: one {@link AuthGateway} per container, started before
 * the class's first test and stopped after its last, so JWKS and clock state never leak from one class to another.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class GatewayPerContainer {
    private Map<ServletContainer, AuthGateway> gateways;

    @BeforeAll
    void startOneGatewayPerContainer() throws Exception {
        gateways = AuthGateway.startAll();
    }

    @AfterAll
    void stopThem() throws Exception {
        AuthGateway.closeAll(gateways);
    }

    /** @return this class's gateway in {@code container} */
    AuthGateway gateway(ServletContainer container) {
        return gateways.get(container);
    }
}
