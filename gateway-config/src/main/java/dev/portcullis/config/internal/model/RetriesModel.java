package dev.portcullis.config.internal.model;

import dev.portcullis.config.internal.bind.ByteSize;
import dev.portcullis.config.internal.bind.Doc;
import dev.portcullis.config.internal.bind.OneOrMany;
import dev.portcullis.core.resilience.Retries;
import java.time.Duration;
import java.util.List;

/**
 * Retries of failed upstream tries ({@code Retries}).
 *
 * <pre>{@code
 * retries:
 *   maxRetries: 2
 *   on: [connect-failure, reset, timeout]
 *   statuses: [503]
 *   perTryTimeout: 2s
 *   overallTimeout: 5s
 * }</pre>
 *
 * @param maxRetries the most retries of one request
 * @param on the failures retried
 * @param statuses the upstream statuses retried
 * @param nonIdempotent whether any method is retried
 * @param baseBackoff the backoff before the first retry
 * @param maxBackoff the longest backoff
 * @param budgetPercent retries per 100 requests
 * @param minRetriesPerSecond retries per second on top of the share
 * @param maxReplayBody the largest request body kept for a retry
 * @param perTryTimeout each try's response-header timeout
 * @param overallTimeout the deadline of all tries together
 */
@Doc("Retries of failed upstream tries, on another instance when one may serve, before a byte of the answer reached "
        + "the client, within a budget so retries never multiply the load on a failing upstream.")
public record RetriesModel(
        @Doc("The most retries of one request, default 2, 1..10.") Integer maxRetries,
        @Doc("The failures retried: connect-failure, reset, timeout; default [connect-failure, reset].")
        @OneOrMany List<Retries.Condition> on,
        @Doc("Upstream statuses retried, default none, each 400..599.") List<Integer> statuses,
        @Doc("Retry any method, also POST and PATCH; default false (only GET HEAD OPTIONS TRACE PUT DELETE).")
        Boolean nonIdempotent,
        @Doc("The backoff before the first retry, default 25ms, 0..1h; it doubles per retry, with full jitter.")
        Duration baseBackoff,
        @Doc("The longest backoff, default 250ms, at least baseBackoff.") Duration maxBackoff,
        @Doc("Retries allowed per 100 requests over the last 10s, default 20, 0..100.") Integer budgetPercent,
        @Doc("Retries allowed per second on top of budgetPercent, default 3, 0..1000.") Integer minRetriesPerSecond,
        @Doc("The largest request body kept in memory so it can be sent again, default 16KiB, at most 16MiB.")
        ByteSize maxReplayBody,
        @Doc("Each try's response-header timeout, more than 0 and at most 1h; default the route's response timeout.")
        Duration perTryTimeout,
        @Doc("The deadline of all tries together, more than 0 and at most 1h; default none.") Duration overallTimeout) {
}
