package dev.portcullis.api.routing;

import dev.portcullis.api.GatewayRequest;
import java.util.Optional;

/** A standard {@link HashKey} that says what it reads, for the balancer's name in logs. */
record NamedHashKey(String description, HashKey key) implements HashKey {
    @Override
    public Optional<String> key(GatewayRequest request) {
        return key.key(request);
    }

    @Override
    public String toString() {
        return description;
    }
}
