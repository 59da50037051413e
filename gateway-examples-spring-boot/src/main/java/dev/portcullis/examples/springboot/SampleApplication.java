package dev.portcullis.examples.springboot;

import dev.portcullis.config.InterceptorProvider;
import dev.portcullis.examples.custom.TenantInterceptorProvider;
import java.security.Principal;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A Spring Boot application with a gateway in front. The starter mounts the gateway that application.yaml's
 * {@code portcullis.config-file} describes, before Spring Security: {@code /api/orders/**} is proxied to the orders
 * service with the gateway's own checks (the guards and this application's tenant stage), everything else reaches
 * this application's controllers, which Spring Security protects.
 */
@SpringBootApplication
public class SampleApplication {

    /** @param args Spring Boot's arguments, e.g. {@code --portcullis.config-file=/etc/portcullis/gateway.yaml} */
    public static void main(String[] args) {
        SpringApplication.run(SampleApplication.class, args);
    }

    /**
     * A custom stage with settings: the gateway file names it {@code tenant} (the provider's name) in its pipeline
     * and gives it its tenants under {@code interceptors.tenant}. A plain {@code Interceptor} bean would be a stage
     * without settings, named by its bean name.
     *
     * @return the factory of the tenant stage
     */
    @Bean
    InterceptorProvider tenantStage() {
        return new TenantInterceptorProvider();
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
