package dev.portcullis.auth.internal;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** Where an issuer's keys come from: fixed configuration, or a JWKS URL kept fresh by {@link JwksCache}. */
public interface KeySource {

    /**
     * @return the keys to verify with now; fails with a 503 {@link TokenRejection} when none can be had
     */
    CompletionStage<KeyRing> current();

    /**
     * Called when a token names a key the current ring lacks.
     *
     * @return a newer ring if a refetch is allowed now, else the current one
     */
    CompletionStage<KeyRing> refreshForUnknownKey();

    /** @param ring fixed keys @return a source that always answers {@code ring} */
    static KeySource fixed(KeyRing ring) {
        CompletableFuture<KeyRing> done = CompletableFuture.completedFuture(ring);
        return new KeySource() {
            @Override
            public CompletionStage<KeyRing> current() {
                return done;
            }

            @Override
            public CompletionStage<KeyRing> refreshForUnknownKey() {
                return done;
            }
        };
    }
}
