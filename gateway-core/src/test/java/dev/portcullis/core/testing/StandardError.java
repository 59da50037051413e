package dev.portcullis.core.testing;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Captures what code writes to {@code System.err} while it runs: where slf4j-simple, the tests' logger, writes each
 * line (it looks {@code System.err} up per line).
 *
 * <pre>{@code
 * String log = StandardError.captured(() -> UpstreamTls.builder().hostnameVerification(false).build());
 * }</pre>
 */
public final class StandardError {
    private StandardError() {
    }

    /**
     * @param action what to run
     * @return what it wrote to {@code System.err}
     */
    public static String captured(Runnable action) {
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try {
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            action.run();
        } finally {
            System.setErr(err);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }
}
