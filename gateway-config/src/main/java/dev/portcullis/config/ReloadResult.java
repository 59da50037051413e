package dev.portcullis.config;

import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * What one {@link ConfigReloader#reload()} did: applied the file, or rejected it and kept the configuration in
 * force.
 *
 * <pre>{@code
 * ReloadResult result = reloader.reload();
 * if (result instanceof ReloadResult.Rejected rejected) {
 *     rejected.problems().forEach(System.err::println);
 * }
 * }</pre>
 */
public sealed interface ReloadResult permits ReloadResult.Applied, ReloadResult.Rejected {

    /**
     * The new configuration is in force.
     *
     * @param describe its stages in order
     * @param drained completes when the replaced snapshot has drained and the parts it alone used are closed
     */
    record Applied(String describe, CompletionStage<Void> drained) implements ReloadResult {
    }

    /**
     * The file was not applied; the configuration in force keeps serving.
     *
     * @param problems why, in file order
     */
    record Rejected(List<ConfigProblem> problems) implements ReloadResult {
        /** Copies the list. */
        public Rejected {
            problems = List.copyOf(problems);
        }
    }
}
