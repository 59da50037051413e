package dev.portcullis.spring.boot.running;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.annotation.Bean;

/** The starter on Tomcat. */
@SpringBootTest(classes = {StarterTestApplication.class, TomcatStarterTest.Tomcat.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TomcatStarterTest extends RunningStarterTest {
    /** Picks Tomcat, as both containers are on the test classpath (a test configuration: component scans skip it). */
    @TestConfiguration(proxyBeanMethods = false)
    static class Tomcat {
        @Bean
        TomcatServletWebServerFactory tomcat() {
            return new TomcatServletWebServerFactory();
        }
    }

    @Test
    void theApplicationRunsOnTomcat(@Autowired ServletWebServerApplicationContext context) {
        assertInstanceOf(TomcatWebServer.class, context.getWebServer());
    }
}
