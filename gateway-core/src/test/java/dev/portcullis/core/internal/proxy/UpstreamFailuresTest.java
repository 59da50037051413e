package dev.portcullis.core.internal.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.api.ProblemTypes;
import dev.portcullis.core.testing.StandardError;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.util.concurrent.CompletionException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

class UpstreamFailuresTest {
    private static final URI INSTANCE = URI.create("https://orders.internal:8443");

    @Test
    void aFailedTlsHandshakeIsA502AndOneWarningWithTheInstanceAndTheJdksReason() {
        Throwable failure = new CompletionException(new IOException("wrapped",
                new SSLHandshakeException("No subject alternative DNS name matching orders.internal found.")));
        String log = StandardError.captured(() -> UpstreamFailures.warnOfTls("r-1", INSTANCE, failure));
        assertEquals(1, log.split("WARN", -1).length - 1, log);
        assertTrue(log.contains("request r-1: TLS with the upstream https://orders.internal:8443 failed: "
                + "javax.net.ssl.SSLHandshakeException: No subject alternative DNS name matching orders.internal "
                + "found."), log);
        assertEquals(ProblemTypes.UPSTREAM_UNAVAILABLE, UpstreamFailures.toProblem(failure).orElseThrow().type());
    }

    @Test
    void anUpstreamFailureOtherThanTlsIsNotLoggedAsOne() {
        assertEquals("", StandardError.captured(() ->
                UpstreamFailures.warnOfTls("r-1", INSTANCE, new ConnectException("Connection refused"))));
    }
}
