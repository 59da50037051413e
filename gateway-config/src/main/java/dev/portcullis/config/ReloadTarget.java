package dev.portcullis.config;

import dev.portcullis.core.Gateway;
import java.util.concurrent.CompletionStage;

/**
 * Where a {@link ConfigReloader} puts a new configuration: the running gateway's {@code reload}, which validates
 * the builder, swaps it in atomically and lets exchanges in flight finish on the snapshot they started with.
 *
 * <pre>{@code
 * ReloadTarget target = gateway::reload;
 * }</pre>
 */
@FunctionalInterface
public interface ReloadTarget {
    /**
     * @param next the new configuration applied to the reloader's base builder (by default a fresh
     *     {@code Gateway.builder()}); it names an upstream client only when the file has a {@code client} section
     *     or an earlier file made one (else the running one carries over)
     * @return completes once the replaced snapshot has drained: then the reloader closes what the new
     *     configuration no longer uses
     * @throws IllegalArgumentException when the gateway refuses the builder; nothing was swapped
     */
    CompletionStage<Void> reload(Gateway.Builder next);
}
