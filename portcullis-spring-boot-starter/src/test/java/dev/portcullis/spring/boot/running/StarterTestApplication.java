package dev.portcullis.spring.boot.running;

import dev.portcullis.api.Interceptor;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The application the running tests start: a controller for what no route matches, and the custom stage
 * {@code stamp} the gateway file names.
 */
@SpringBootApplication
public class StarterTestApplication {
    /** @return the stage {@code stamp}: it sets {@code X-Stamp: starter} on every request it passes on */
    @Bean
    Interceptor stamp() {
        return Interceptor.named("Stamp", chain -> chain.proceed(chain.request().toBuilder()
                .headers(chain.request().headers().toBuilder().set("X-Stamp", "starter").build()).build()));
    }

    /** The application's own endpoints, behind the gateway. */
    @RestController
    static class Hello {
        @GetMapping("/app/hello")
        String hello() {
            return "hello from the application";
        }
    }
}
