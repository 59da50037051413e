package dev.portcullis.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class LogSafeTest {

    @Test
    void aCrLfInAPathCannotForgeASecondLogLine() {
        String forged = LogSafe.value("/a\r\n2026-01-01 INFO admin logged in");

        assertFalse(forged.contains("\r") || forged.contains("\n"));
        assertEquals("/a\\r\\n2026-01-01 INFO admin logged in", forged);
    }

    @Test
    void otherControlCharactersAreWrittenAsUnicodeEscapes() {
        assertEquals("a\\u0000b\\u001bc\\u0085d\\u2028e\\t", LogSafe.value("a\u0000b\u001bc\u0085d\u2028e\t"));
    }

    @Test
    void aBackslashIsDoubledSoAnEscapeCannotBeImitated() {
        assertEquals("\\\\n", LogSafe.value("\\n"));
    }

    @Test
    void aLongValueIsCutAtTheCapWithAnEllipsis() {
        String safe = LogSafe.value("x".repeat(10_000));

        assertEquals(LogSafe.MAX_LENGTH + 1, safe.length());
        assertTrue(safe.endsWith("\u2026"));
        assertEquals("x".repeat(LogSafe.MAX_LENGTH), LogSafe.value("x".repeat(LogSafe.MAX_LENGTH)));
    }

    @Test
    void aFailureIsLoggedAsItsEscapedStringForm() {
        assertEquals("java.io.IOException: bad\\nline", LogSafe.value(new IOException("bad\nline")));
        assertEquals("null", LogSafe.value((String) null));
    }

    @Test
    void theLogCallsThatCarryForeignValuesGoThroughLogSafe() throws IOException {
        Path modules = Path.of("..");
        for (String file : List.of("gateway-core/src/main/java/dev/portcullis/core/internal/proxy/ReverseProxy.java",
                "gateway-auth/src/main/java/dev/portcullis/auth/internal/JwksCache.java")) {
            String source = Files.readString(modules.resolve(file));
            assertFalse(source.contains("e.getMessage());"), file + " logs a raw exception message");
            assertTrue(source.contains("LogSafe.value("), file + " does not escape what it logs");
        }
    }
}
