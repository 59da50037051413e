package dev.portcullis.examples.springboot;

import dev.portcullis.api.Interceptor;
import java.security.Principal;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A Spring Boot application with a gateway in front. The starter mounts the gateway that application.yaml's
 * {@code portcullis.config-file} describes, before Spring Security: {@code /api/orders/**} is proxied to the orders
 * service with the gateway's own checks, everything else reaches this application's controllers, which Spring
 * Security protects.
 */
@SpringBootApplication
public class SampleApplication {

    /** @param args Spring Boot's arguments, e.g. {@code --portcullis.config-file=/etc/portcullis/gateway.yaml} */
    public static void main(String[] args) {
        SpringApplication.run(SampleApplication.class, args);
    }

    /**
     * A custom stage: the gateway file names it {@code servedBy} (the bean's name) in its pipeline.
     *
     * @return a stage telling the upstream which application forwarded the request
     */
    @Bean
    Interceptor servedBy() {
        return Interceptor.named("ServedBy", chain -> chain.proceed(chain.request().toBuilder()
                .headers(chain.request().headers().toBuilder().set("X-Served-By", "orders-gateway").build())
                .build()));
    }

    /** The application's own endpoints: requests no route matches reach them, through Spring Security. */
    @RestController
    static class Hello {
        @GetMapping("/app/hello")
        String hello(Principal user) {
            return "hello " + user.getName();
        }
    }
}
