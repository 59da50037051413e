package dev.portcullis.servlet.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.portcullis.core.client.JdkUpstreamClient;
import dev.portcullis.core.client.UpstreamClient;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The refusal contract with the JDK client, plus the one hostile head it cannot refuse (docs/proxy.md). */
class JdkUpstreamResponseRefusalTest extends UpstreamResponseRefusalContract {
    @Override
    protected UpstreamClient client() {
        return JdkUpstreamClient.create();
    }

    /**
     * Pins the documented limit: the JDK parser ends a header line at a bare CR, so the gateway only ever sees two
     * well-formed headers. When this fails, the JDK client got safer and docs/proxy.md must list one limit fewer.
     */
    @ParameterizedTest
    @MethodSource("dev.portcullis.servlet.it.ServletContainer#all")
    void aBareCrInAnUpstreamHeaderLineReachesTheGatewayAsTwoHeadersThroughTheJdkClient(ServletContainer container)
            throws Exception {
        RawHttp.Response response = exchange(container,
                "HTTP/1.1 200 OK\r\nX-Evil: a\rSet-Cookie: b\r\nContent-Length: 2\r\n\r\nok");
        assertEquals(200, response.status(), response.headers().toString());
        assertEquals(List.of("b"), response.header("Set-Cookie"));
    }
}
