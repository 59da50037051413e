package dev.portcullis.examples.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class LaunchTest {
    @Test
    void noArgumentMeansTheDefaultPort() {
        assertEquals(8080, Launch.port(new String[0], 8080));
    }

    @Test
    void theFirstArgumentIsThePort() {
        assertEquals(9090, Launch.port(new String[] {"9090"}, 8080));
    }

    @Test
    void anArgumentThatIsNotAPortIsRefusedNamingThePortSetting() {
        assertEquals("port: expected 0 to 65535, got 'http'",
                assertThrows(IllegalArgumentException.class, () -> Launch.port(new String[] {"http"}, 8080)).getMessage());
        assertEquals("port: expected 0 to 65535, got '70000'",
                assertThrows(IllegalArgumentException.class, () -> Launch.port(new String[] {"70000"}, 8080)).getMessage());
    }
}
