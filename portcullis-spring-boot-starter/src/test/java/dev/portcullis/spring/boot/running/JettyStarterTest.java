package dev.portcullis.spring.boot.running;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jetty.JettyWebServer;
import org.springframework.boot.jetty.servlet.JettyServletWebServerFactory;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.web.server.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.annotation.Bean;

/** The starter on Jetty. */
@SpringBootTest(classes = {StarterTestApplication.class, JettyStarterTest.Jetty.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class JettyStarterTest extends RunningStarterTest {
    /** Picks Jetty, as both containers are on the test classpath (a test configuration: component scans skip it). */
    @TestConfiguration(proxyBeanMethods = false)
    static class Jetty {
        @Bean
        JettyServletWebServerFactory jetty() {
            return new JettyServletWebServerFactory();
        }
    }

    @Test
    void theApplicationRunsOnJetty(@Autowired ServletWebServerApplicationContext context) {
        assertInstanceOf(JettyWebServer.class, context.getWebServer());
    }
}
