package dev.portcullis.config.internal.jsonschema;

import dev.portcullis.api.Interceptor;
import dev.portcullis.api.validation.Validation;
import dev.portcullis.config.internal.AssemblyContext;
import dev.portcullis.config.internal.ValidationFeature;
import dev.portcullis.config.internal.bind.Origin;
import dev.portcullis.config.internal.model.GatewayModel;
import dev.portcullis.config.internal.model.RouteModel;
import dev.portcullis.config.internal.model.ValidationModel;
import dev.portcullis.jsonschema.JsonSchemaValidator;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * gateway-jsonschema's part of the assembly: one {@link JsonSchemaValidator} over every route's {@code schema} and
 * the {@code validation} section's referenced schemas, compiled now, so a broken schema is a finding at load time
 * pointing at the route that names it. The validator is reused across a reload when neither the section nor any
 * schema file changed. Loaded by name, only when the file uses gateway-jsonschema.
 *
 * <pre>{@code
 * Interceptor validation = new ValidationAssembler().validation(context);
 * }</pre>
 */
public final class ValidationAssembler implements ValidationFeature {
    /** Loaded reflectively by {@code Features}. */
    public ValidationAssembler() {
    }

    @Override
    public Interceptor validation(AssemblyContext context) {
        GatewayModel model = context.model();
        List<RouteModel> routes = model.routes() == null ? List.of() : model.routes();
        Map<String, Object> schemas = new LinkedHashMap<>();
        routes.stream().filter(route -> route.schema() != null).forEach(route -> schemas.put(route.id(),
                route.schema()));
        JsonSchemaValidator validator = context.components().get("validator", "validation",
                Arrays.asList(schemas, model.validation()), () -> build(context, routes));
        return validator == null ? null : Validation.interceptor(validator);
    }

    private static JsonSchemaValidator build(AssemblyContext context, List<RouteModel> routes) {
        GatewayModel model = context.model();
        JsonSchemaValidator.Builder validator = JsonSchemaValidator.builder();
        ValidationModel section = model.validation();
        if (section != null) {
            if (section.referencedSchemas() != null) {
                section.referencedSchemas().forEach((iri, file) -> validator.referencedSchema(iri, file.path()));
            }
            if (section.maxBodySize() != null) {
                context.attempt(context.at(section, "maxBodySize"),
                        () -> validator.maxBodyBytes(section.maxBodySize().bytes()));
            }
            if (section.maxDepth() != null) {
                context.attempt(context.at(section, "maxDepth"), () -> validator.maxDepth(section.maxDepth()));
            }
        }
        routes.stream().filter(route -> route.schema() != null)
                .forEach(route -> validator.schema(route.id(), route.schema().path()));
        try {
            return validator.build();
        } catch (IllegalArgumentException e) {
            Origin at = routes.stream()
                    .filter(route -> route.schema() != null && e.getMessage().contains(route.schema().path().toString()))
                    .map(route -> context.at(route, "schema")).findFirst()
                    .orElseGet(() -> section != null ? context.origins().of(section)
                            : context.origins().member(model, "pipeline"));
            context.fail(at, e);
            return null;
        }
    }
}
