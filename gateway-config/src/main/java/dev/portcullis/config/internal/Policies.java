package dev.portcullis.config.internal;

import dev.portcullis.api.auth.AccessPolicy;
import dev.portcullis.config.internal.model.AccessModel;
import dev.portcullis.config.internal.model.GuardModel;
import dev.portcullis.config.internal.model.ValueCheckModel;
import dev.portcullis.core.guard.GuardPolicy;
import dev.portcullis.core.guard.ValueCheck;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Maps the per-route policy sections that gateway-api and gateway-core define: access policies and guard policies.
 * Every value goes through the DSL's own factories, so the DSL's checks apply and a refusal points at its setting.
 *
 * <pre>{@code
 * AccessPolicy policy = new Policies(context).access(accessModel);   // null when a finding was added
 * }</pre>
 */
final class Policies {
    private final AssemblyContext context;

    Policies(AssemblyContext context) {
        this.context = context;
    }

    /**
     * @param model an access section
     * @return {@code anonymous()}, {@code authenticated()}, or the listed requirements joined with {@code and}
     */
    AccessPolicy access(AccessModel model) {
        List<AccessPolicy> parts = new ArrayList<>();
        addIfSet(parts, model, "scopesAnyOf", model.scopesAnyOf(), AccessPolicy::scopesAnyOf);
        addIfSet(parts, model, "scopesAllOf", model.scopesAllOf(), AccessPolicy::scopesAllOf);
        addIfSet(parts, model, "rolesAnyOf", model.rolesAnyOf(), AccessPolicy::rolesAnyOf);
        addIfSet(parts, model, "rolesAllOf", model.rolesAllOf(), AccessPolicy::rolesAllOf);
        if (model.claims() != null) {
            model.claims().forEach((claim, value) -> parts.add(claimEquals(claim, value)));
        }
        if (model.require() == AccessModel.Level.ANONYMOUS) {
            if (!parts.isEmpty()) {
                context.fail(context.at(model, "require"), new IllegalArgumentException("anonymous lets everyone "
                        + "through and cannot be combined with scopes, roles or claims"));
                return null;
            }
            return AccessPolicy.anonymous();
        }
        return parts.stream().filter(Objects::nonNull).reduce(AccessPolicy::and).orElse(AccessPolicy.authenticated());
    }

    /**
     * @param claim a claim name
     * @param value the value it must have
     * @return the policy the file's {@code claims: {claim: value}} stands for
     */
    static AccessPolicy claimEquals(String claim, String value) {
        return AccessPolicy.claim("the claim " + claim + " = " + value,
                principal -> value.equals(String.valueOf(principal.claims().get(claim))));
    }

    private void addIfSet(List<AccessPolicy> parts, AccessModel model, String setting, List<String> values,
            java.util.function.Function<String[], AccessPolicy> factory) {
        if (values != null) {
            parts.add(context.attempt(context.at(model, setting), () -> factory.apply(values.toArray(String[]::new))));
        }
    }

    /**
     * @param model a guard section
     * @return the guard policy, or null when a finding was added
     */
    GuardPolicy guard(GuardModel model) {
        GuardPolicy.Builder builder = GuardPolicy.builder();
        if (model.maxBodySize() != null) {
            builder.maxBodyBytes(model.maxBodySize().bytes());
        }
        if (model.allowedMethods() != null) {
            context.attempt(context.at(model, "allowedMethods"),
                    () -> builder.allowedMethods(model.allowedMethods().toArray(String[]::new)));
        }
        if (model.allowedContentTypes() != null) {
            context.attempt(context.at(model, "allowedContentTypes"),
                    () -> builder.allowedContentTypes(model.allowedContentTypes().toArray(String[]::new)));
        }
        if (model.maxUriLength() != null) {
            builder.maxUriLength(model.maxUriLength());
        }
        if (model.maxHeaderSize() != null) {
            context.attempt(context.at(model, "maxHeaderSize"),
                    () -> builder.maxHeaderBytes(model.maxHeaderSize().intBytes()));
        }
        checks(model.requiredHeaders(), builder::requireHeader);
        checks(model.requiredQuery(), builder::requireQueryParam);
        return context.attemptIn(model, builder::build);
    }

    private void checks(Map<String, ValueCheckModel> checks,
            java.util.function.BiFunction<String, ValueCheck, GuardPolicy.Builder> require) {
        if (checks == null) {
            return;
        }
        checks.forEach((name, check) -> context.attempt(context.at(checks, name),
                () -> require.apply(name, valueCheck(check))));
    }

    private static ValueCheck valueCheck(ValueCheckModel model) {
        if (model.pattern() != null) {
            return ValueCheck.pattern(model.pattern());
        }
        switch (model.type()) {
            case INTEGER:
                return ValueCheck.integer();
            case NUMBER:
                return ValueCheck.number();
            case BOOLEAN:
                return ValueCheck.bool();
            case UUID:
                return ValueCheck.uuid();
            default:
                return ValueCheck.any();
        }
    }
}
