package dev.portcullis.config.internal;

import dev.portcullis.api.Pipeline;
import dev.portcullis.api.auth.Authenticator;
import dev.portcullis.api.routing.RouteTable;
import dev.portcullis.config.internal.bind.Binder;
import dev.portcullis.config.internal.bind.Origins;
import dev.portcullis.config.internal.bind.References;
import dev.portcullis.config.internal.model.ClientModel;
import dev.portcullis.config.internal.model.GatewayModel;
import dev.portcullis.config.internal.tree.Findings;
import dev.portcullis.config.internal.tree.InvalidConfig;
import dev.portcullis.config.internal.tree.TreeReader;
import dev.portcullis.core.client.JdkUpstreamClient;
import dev.portcullis.core.client.UpstreamClient;
import dev.portcullis.core.client.UpstreamTls;
import java.util.Map;

/**
 * One load, start to end: read the text into located nodes, bind them onto the model, check what spans sections,
 * load the features the file uses, then map every section onto the Java DSL, reusing the previous load's stateful
 * parts where their settings are unchanged. Each phase reports every finding it can before the load gives up; a
 * load that fails closes the parts it built and keeps the previous load's.
 *
 * <pre>{@code
 * Assembly assembly = Assembler.load(text, "gateway.yaml", options, previous == null ? null : previous.components());
 * }</pre>
 */
public final class Assembler {
    private Assembler() {
    }

    /**
     * @param text the file's text
     * @param file the file's name, for locations
     * @param options references, custom stages, client executor
     * @param previous the components of the load in force, or null
     * @return the assembly
     * @throws InvalidConfig with every finding, in file order
     */
    public static Assembly load(String text, String file, LoadOptions options, Components previous) {
        Findings findings = new Findings();
        Origins origins = new Origins();
        GatewayModel model = new Binder(new References(options.sources()), findings, origins)
                .bind(TreeReader.read(text, file), GatewayModel.class);
        findings.throwIfAny();
        ModelChecks.check(model, origins, findings, options.custom());
        findings.throwIfAny();
        LoadedFeatures features = LoadedFeatures.of(model, origins, findings);
        findings.throwIfAny();
        Components components = new Components(previous);
        try {
            Assembly assembly = assemble(new AssemblyContext(model, origins, findings, components, options), features);
            findings.throwIfAny();
            return assembly;
        } catch (RuntimeException e) {
            components.closeExcept(previous);
            throw e;
        }
    }

    private static Assembly assemble(AssemblyContext context, LoadedFeatures features) {
        GatewayModel model = context.model();
        Map<String, Authenticator> authenticators = features.auth() == null ? Map.of()
                : features.auth().authenticators(context);
        if (features.rateLimit() != null) {
            features.rateLimit().prepare(context);
        }
        RouteTable routes = model.routes() == null ? null
                : new RouteAssembler(context, authenticators, features.rateLimit()).table();
        Pipeline pipeline = new Stages(context, routes, authenticators, features).pipeline();
        ObservabilityAssembler observability = new ObservabilityAssembler(context);
        GatewaySettings settings = new GatewaySettings(model.gateway(), observability.accessLog(),
                observability.traceContext());
        if (pipeline != null) {
            settings.check(context, pipeline);
        }
        return new Assembly(pipeline, settings, client(context, features.jetty()), context.components());
    }

    private static UpstreamClient client(AssemblyContext context, JettyFeature jetty) {
        ClientModel section = context.model().client();
        if (section == null) {
            return (UpstreamClient) context.components().adopt("client", "client");
        }
        return context.components().get("client", "client", section, () -> {
            UpstreamTls tls = section.tls() == null ? null : new TlsAssembler(context).tls(section.tls());
            if (section.tls() != null && tls == null) {
                return null;
            }
            return context.attemptIn(section, () -> section.type() == ClientModel.Type.JETTY
                    ? jetty.client(section, context.options().clientExecutor(), tls) : jdk(tls));
        });
    }

    private static UpstreamClient jdk(UpstreamTls tls) {
        return tls == null ? JdkUpstreamClient.create() : JdkUpstreamClient.builder().tls(tls).build();
    }
}
