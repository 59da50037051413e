package dev.portcullis.config.internal;

import dev.portcullis.config.internal.bind.Origin;
import dev.portcullis.config.internal.bind.Origins;
import dev.portcullis.config.internal.model.GatewayModel;
import dev.portcullis.config.internal.model.RouteModel;
import dev.portcullis.config.internal.tree.Findings;
import java.util.List;
import java.util.Map;

/**
 * Checks that sections and stages come together: a setting that no stage of the pipeline reads is a mistake (a
 * route's schema without a validation stage would silently let every body through), and so is a stage whose
 * section is missing.
 *
 * <pre>{@code
 * new StageCoverage(model, origins, findings).check();
 * }</pre>
 */
final class StageCoverage {
    /** Top-level sections and the stage that reads each. */
    private static final Map<String, String> SECTION_STAGES = Map.ofEntries(
            Map.entry("routes", "routing"), Map.entry("ipFilter", "ipFilter"), Map.entry("cors", "cors"),
            Map.entry("guards", "guards"), Map.entry("authenticators", "authentication"),
            Map.entry("authentication", "authentication"), Map.entry("authorization", "authorization"),
            Map.entry("claimHeaders", "claimHeaders"), Map.entry("validation", "validation"),
            Map.entry("transform", "transform"), Map.entry("locationRewrite", "locationRewrite"));
    /** Per-route settings and the stage that reads each. */
    private static final Map<String, String> ROUTE_STAGES = Map.of("access", "authorization",
            "authenticators", "authentication", "guard", "guards", "transform", "routeTransform",
            "schema", "validation", "credentialRelay", "claimHeaders");
    /** Stages that cannot run without their section. */
    private static final Map<String, String> STAGE_SECTIONS = Map.of("routing", "routes", "ipFilter", "ipFilter",
            "cors", "cors", "authentication", "authentication", "claimHeaders", "claimHeaders",
            "transform", "transform");

    private final GatewayModel model;
    private final Origins origins;
    private final Findings findings;
    private final List<String> pipeline;

    StageCoverage(GatewayModel model, Origins origins, Findings findings) {
        this.model = model;
        this.origins = origins;
        this.findings = findings;
        this.pipeline = model.pipeline();
    }

    void check() {
        SECTION_STAGES.forEach((section, stage) -> {
            if (isSet(model, section)) {
                needsStage(origins.member(model, section), stage);
            }
        });
        if (model.routes() != null) {
            for (RouteModel route : model.routes()) {
                ROUTE_STAGES.forEach((setting, stage) -> {
                    if (isSet(route, setting)) {
                        needsStage(origins.member(route, setting), stage);
                    }
                });
                if (route.rateLimit() != null && limiterNames().stream().noneMatch(pipeline::contains)) {
                    add(origins.member(route, "rateLimit"), "'rateLimit' is set but the pipeline has no limiter "
                            + "stage (rateLimiting.limiters)");
                }
            }
        }
        limiterNames().forEach(name -> {
            if (!pipeline.contains(name)) {
                add(origins.member(model.rateLimiting().limiters(), name), "the limiter '" + name
                        + "' is not in the pipeline");
            }
        });
        for (int i = 0; i < pipeline.size(); i++) {
            String section = STAGE_SECTIONS.get(pipeline.get(i));
            if (section != null && !isSet(model, section)) {
                add(origins.member(pipeline, i), "the '" + pipeline.get(i) + "' stage needs a '" + section
                        + "' section");
            }
        }
    }

    private List<String> limiterNames() {
        return model.rateLimiting() == null || model.rateLimiting().limiters() == null ? List.of()
                : List.copyOf(model.rateLimiting().limiters().keySet());
    }

    private void needsStage(Origin at, String stage) {
        if (!pipeline.contains(stage)) {
            add(at, "'" + lastKey(at.path()) + "' is set but the pipeline has no '" + stage + "' stage");
        }
    }

    private static boolean isSet(Record section, String component) {
        try {
            return section.getClass().getMethod(component).invoke(section) != null;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("no setting " + component, e);
        }
    }

    private static String lastKey(String path) {
        return path.substring(path.lastIndexOf('.') + 1);
    }

    private void add(Origin at, String message) {
        findings.add(at.location(), at.path(), message);
    }
}
