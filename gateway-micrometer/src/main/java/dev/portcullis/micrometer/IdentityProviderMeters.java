package dev.portcullis.micrometer;

import dev.portcullis.api.auth.IdentityProviderCall;
import dev.portcullis.api.auth.IdentityProviderListener;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Locale;

/** Times identity-provider calls by kind, provider (capped) and outcome. Thread-safe. */
final class IdentityProviderMeters implements IdentityProviderListener {
    private static final IdentityProviderCall.Kind[] KINDS = IdentityProviderCall.Kind.values();
    private static final IdentityProviderCall.Outcome[] OUTCOMES = IdentityProviderCall.Outcome.values();

    private final BoundedNames<LazyMeters<Timer>> byProvider;

    IdentityProviderMeters(MeterRegistry registry, Duration[] slos, int maxProviders) {
        this.byProvider = new BoundedNames<>(maxProviders, provider -> new LazyMeters<>(KINDS.length * OUTCOMES.length,
                index -> Timer.builder(GatewayMetrics.IDENTITY_CALLS)
                        .description("Calls to identity providers: JWKS fetches and token introspections")
                        .tag("kind", lowerCase(KINDS[index / OUTCOMES.length]))
                        .tag("provider", provider)
                        .tag("outcome", lowerCase(OUTCOMES[index % OUTCOMES.length]))
                        .serviceLevelObjectives(slos)
                        .register(registry)));
    }

    @Override
    public void onCall(IdentityProviderCall call) {
        byProvider.get(call.provider()).get(call.kind().ordinal() * OUTCOMES.length + call.outcome().ordinal())
                .record(call.duration());
    }

    private static String lowerCase(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
