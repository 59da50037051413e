package dev.portcullis.auth.internal;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Merges identical lookups in flight: while the call for a key runs, every other caller for that key gets the same
 * pending future instead of starting another call. The key leaves the table before its future completes, so a caller
 * that arrives after the answer starts afresh (and should find it in its cache first).
 *
 * <pre>{@code
 * SingleFlight<Digest, Answer> lookups = new SingleFlight<>();
 * CompletableFuture<Answer> answer = lookups.join(digest, () -> introspect(token));
 * }</pre>
 *
 * @param <K> key type
 * @param <V> value type
 */
public final class SingleFlight<K, V> {
    private final Map<K, CompletableFuture<V>> pending = new ConcurrentHashMap<>();

    /**
     * @param key what identifies the lookup
     * @param call starts the lookup; called at most once per key at a time, on the caller's thread
     * @return the pending lookup's future (shared with concurrent callers for the key); fails when the call fails
     */
    public CompletableFuture<V> join(K key, Supplier<? extends CompletionStage<V>> call) {
        CompletableFuture<V> mine = new CompletableFuture<>();
        CompletableFuture<V> running = pending.putIfAbsent(key, mine);
        if (running != null) {
            return running.copy();
        }
        CompletionStage<V> stage;
        try {
            stage = call.get();
        } catch (RuntimeException e) {
            stage = CompletableFuture.failedFuture(e);
        }
        stage.whenComplete((value, failure) -> {
            pending.remove(key, mine);
            if (failure == null) {
                mine.complete(value);
            } else {
                mine.completeExceptionally(failure);
            }
        });
        return mine.copy();
    }
}
