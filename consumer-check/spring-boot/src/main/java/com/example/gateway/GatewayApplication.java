package com.example.gateway;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * docs/spring-boot.md in an empty Spring Boot project: the starter mounts the gateway of
 * {@code portcullis.config-file}, which proxies {@code /api/**} to one upstream; every other request reaches this
 * application's own endpoint.
 *
 * <pre>
 * java -jar target/spring-boot-gateway-1.0.jar --server.port=8080 --portcullis.config-file=/etc/gateway.yaml
 * </pre>
 */
@SpringBootApplication
public class GatewayApplication {

    public static void main(String[] args) {
        SpringApplication.run(GatewayApplication.class, args);
    }

    /** The application's own endpoint: the gateway routes no {@code /app/**} request, so they pass on to it. */
    @RestController
    static class Hello {
        @GetMapping("/app/hello")
        String hello() {
            return "hello from the application";
        }
    }
}
