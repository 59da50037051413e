package dev.portcullis.examples.docs;

import dev.portcullis.api.Pipeline;
import dev.portcullis.api.routing.Route;
import dev.portcullis.api.routing.RouteTable;
import dev.portcullis.api.routing.Routing;
import dev.portcullis.api.validation.Validation;
import dev.portcullis.core.cors.Cors;
import dev.portcullis.core.cors.CorsPolicy;
import dev.portcullis.core.guard.GuardPolicy;
import dev.portcullis.core.guard.RequestGuards;
import dev.portcullis.core.guard.ValueCheck;
import dev.portcullis.core.ipfilter.IpFilter;
import dev.portcullis.core.transform.HeaderEdits;
import dev.portcullis.core.transform.LocationRewrite;
import dev.portcullis.core.transform.QueryEdits;
import dev.portcullis.core.transform.Transform;
import dev.portcullis.jsonschema.JsonSchemaValidator;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;

/** The fragments of docs/validation.md, compiled (they read schema files, so they are not run). */
final class ValidationGuide {
    private ValidationGuide() {
    }

    static Pipeline checks() {
        // tag::checks[]
        Route orders = Route.builder("orders").path("/api/orders/**").stripPrefix(1)
            .upstream("http://10.0.0.5:8080/v2")
            .metadata(RequestGuards.POLICY, GuardPolicy.builder()
                .maxBodyBytes(64 * 1024)
                .allowedMethods("GET", "POST")
                .allowedContentTypes("application/json", "application/*+json")
                .requireHeader("X-Tenant", ValueCheck.pattern("[a-z0-9-]{1,32}"))
                .requireQueryParam("version", ValueCheck.integer())
                .build())
            .metadata(Transform.ROUTE, Transform.builder()
                .request(HeaderEdits.builder().remove("Cookie").set("X-Gateway", "portcullis").build())
                .query(QueryEdits.builder().remove("debug").build())
                .response(HeaderEdits.builder().remove("Server").build())
                .build())
            .build();

        JsonSchemaValidator schemas = JsonSchemaValidator.builder()          // gateway-jsonschema module
            .schema("orders", Path.of("schemas/order.json"))                 // compiled now; broken schema = startup error
            .referencedSchema("https://schemas.example.com/address.json", Path.of("schemas/address.json"))
            .maxBodyBytes(256 * 1024)
            .build();

        Pipeline pipeline = Pipeline.builder()
            .add(Routing.interceptor(RouteTable.of(orders)))
            .add(IpFilter.builder().allow("192.0.2.0/24", "2001:db8:1::/48").deny("192.0.2.66").build().interceptor())
            .add(Cors.interceptor(CorsPolicy.builder()                        // before the guards: a preflight has
                .allowedOrigins("https://app.example.com", "https://*.example.com") // neither X-Tenant nor method POST
                .allowedMethods("GET", "POST").allowedHeaders("Content-Type", "Authorization", "X-Tenant")
                .exposedHeaders("X-Request-Id").allowCredentials(true).maxAge(Duration.ofMinutes(10)).build()))
            .add(RequestGuards.interceptor(GuardPolicy.defaults()))           // 414, 431, 405, 413, 415, 400
            // authentication, authorization, rate limits ...
            .add(Validation.interceptor(schemas))                             // 400 invalid-json, 413, 422
            .add(Transform.perRoute())
            .add(LocationRewrite.interceptor())
            .build();
        // end::checks[]
        return pipeline;
    }

    static Tomcat continueOnRead() {
        // tag::continue-on-read[]
        Tomcat tomcat = new Tomcat();
        Connector connector = new Connector();
        connector.setPort(8080);
        connector.setProperty("continueResponseTiming", "onRead");   // no 100 Continue before the gateway decides
        tomcat.setConnector(connector);
        // end::continue-on-read[]
        return tomcat;
    }
}
