package dev.portcullis.config.internal;

import dev.portcullis.config.internal.bind.Sources;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * What a load needs besides the file: where references point, the registered custom stages, and the executor an
 * upstream client made for the file may share.
 *
 * <pre>{@code
 * LoadOptions options = new LoadOptions(new Sources(dir, System::getenv), custom, null);
 * }</pre>
 *
 * @param sources the directory and environment references are read from
 * @param custom the custom stages
 * @param clientExecutor the executor a Jetty client built for the file runs on, or null for its own pool
 */
public record LoadOptions(Sources sources, CustomStages custom, Executor clientExecutor) {
    /** Checks the values. */
    public LoadOptions {
        Objects.requireNonNull(sources, "sources");
        Objects.requireNonNull(custom, "custom");
    }
}
