package dev.portcullis.core.internal.proxy;

import dev.portcullis.api.GatewayResponse;
import dev.portcullis.api.LogSafe;
import dev.portcullis.api.Problem;
import dev.portcullis.api.ProblemException;
import dev.portcullis.api.ProblemTypes;
import dev.portcullis.core.client.UpstreamCapacityExceededException;
import dev.portcullis.core.resilience.Retries.Condition;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Optional;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maps why an upstream exchange failed to the problem the client gets, never naming the upstream: a full local
 * client ({@link UpstreamCapacityExceededException}) is the gateway's overload, a 503 with {@code Retry-After}; a
 * timeout is a 504, any other I/O failure a 502, and a {@link ProblemException} anywhere in the causes (a request body over its
 * limit) is that problem. Anything else is not an upstream fault and is left to the caller.
 */
public final class UpstreamFailures {
    /** The {@code Retry-After}, in seconds, of a request shed because the upstream client's capacity is used up. */
    public static final String RETRY_AFTER_SECONDS = "1";
    private static final Logger LOG = LoggerFactory.getLogger(UpstreamFailures.class);
    private static final Problem OVERLOADED = overloaded("The gateway has as many upstream requests pending as it "
            + "can hold; retry after the Retry-After delay.");

    private UpstreamFailures() {
    }

    /**
     * Logs a failed TLS handshake (an untrusted certificate, a host name the certificate does not name, a refused
     * client certificate) as a WARN naming the instance and the JDK's reason: it is nearly always a configuration
     * error, and the client's 502 says nothing of it. Other failures are not logged here.
     *
     * @param requestId the request's id
     * @param instance the upstream instance called
     * @param failure why the exchange failed
     */
    public static void warnOfTls(String requestId, URI instance, Throwable failure) {
        find(failure, SSLException.class).ifPresent(tls -> LOG.warn("request {}: TLS with the upstream {} failed: {}",
                requestId, instance, LogSafe.value(tls)));
    }

    /**
     * @param failure why the exchange failed
     * @return the problem to answer with, or empty when the failure is a bug rather than an upstream fault
     */
    public static Optional<Problem> toProblem(Throwable failure) {
        Optional<ProblemException> answer = find(failure, ProblemException.class);
        if (answer.isPresent()) {
            return Optional.of(answer.get().problem());
        }
        if (find(failure, UpstreamCapacityExceededException.class).isPresent()) {
            return Optional.of(OVERLOADED);
        }
        if (find(failure, HttpTimeoutException.class).isPresent()) {
            return Optional.of(Problem.builder(ProblemTypes.UPSTREAM_TIMEOUT, 504, "Gateway Timeout")
                    .detail("The upstream service did not answer in time.").build());
        }
        if (find(failure, IOException.class).isPresent()) {
            return Optional.of(unavailable());
        }
        return Optional.empty();
    }

    /**
     * @param problem a problem from {@link #toProblem}
     * @return the response for it, with {@code Retry-After} when it is the overloaded 503
     */
    public static GatewayResponse toResponse(Problem problem) {
        GatewayResponse response = GatewayResponse.problem(problem);
        return ProblemTypes.OVERLOADED.equals(problem.type()) ? response.withHeader("Retry-After", RETRY_AFTER_SECONDS) : response;
    }

    /**
     * @param detail which capacity is used up
     * @return the 503 {@code overloaded} problem; send it with {@code Retry-After: }{@value #RETRY_AFTER_SECONDS}
     */
    public static Problem overloaded(String detail) {
        return Problem.builder(ProblemTypes.OVERLOADED, 503, "Service Unavailable").detail(detail).build();
    }

    /**
     * @param checkInterval how often the route's instances are checked: the soonest one may be healthy again
     * @return the 503 {@code service-unavailable} answer when no instance of a route is healthy, with
     *     {@code Retry-After} the check interval rounded up to a second
     */
    public static GatewayResponse noHealthyInstance(Duration checkInterval) {
        long seconds = Math.max(1, checkInterval.plusMillis(999).toSeconds());
        return GatewayResponse.problem(Problem.builder(ProblemTypes.SERVICE_UNAVAILABLE, 503, "Service Unavailable")
                .detail("No instance of the upstream service is healthy; retry after the Retry-After delay.")
                .build()).withHeader("Retry-After", String.valueOf(seconds));
    }

    /**
     * @return the 503 {@code service-unavailable} answer to a routed request that arrives while the gateway closes,
     *     with {@code Retry-After: }{@value #RETRY_AFTER_SECONDS} and {@code Connection: close}, so the client
     *     retries on a new connection, which a load balancer sends to another instance
     */
    public static GatewayResponse shuttingDown() {
        return GatewayResponse.problem(Problem.builder(ProblemTypes.SERVICE_UNAVAILABLE, 503, "Service Unavailable")
                .detail("The gateway is shutting down; retry after the Retry-After delay.").build())
                .withHeader("Retry-After", RETRY_AFTER_SECONDS).withHeader("Connection", "close");
    }

    /** @return the 502 problem for an upstream that cannot be reached or answered malformed */
    public static Problem unavailable() {
        return Problem.builder(ProblemTypes.UPSTREAM_UNAVAILABLE, 502, "Bad Gateway")
                .detail("The upstream service could not be reached or sent an invalid response.").build();
    }

    /**
     * Says whether a failed try is the instance's fault, and of which kind, for outlier detection and retries.
     *
     * @param failure why an upstream exchange failed before its response headers
     * @return the kind: a connect failure, a time-out, or else (any other I/O failure, a malformed answer) a reset;
     *     empty when it is nobody's fault on the upstream's side: the request body failed (a {@link ProblemException},
     *     e.g. over its cap) or the gateway's own client capacity is used up
     */
    public static Optional<Condition> condition(Throwable failure) {
        if (find(failure, ProblemException.class).isPresent()
                || find(failure, UpstreamCapacityExceededException.class).isPresent()) {
            return Optional.empty();
        }
        if (find(failure, HttpConnectTimeoutException.class).isPresent() || find(failure, ConnectException.class)
                .isPresent() || find(failure, NoRouteToHostException.class).isPresent()
                || find(failure, UnknownHostException.class).isPresent()) {
            return Optional.of(Condition.CONNECT_FAILURE);
        }
        return Optional.of(find(failure, HttpTimeoutException.class).isPresent() ? Condition.TIMEOUT : Condition.RESET);
    }

    /**
     * @param failure a failure, perhaps wrapped in {@link java.util.concurrent.CompletionException}s
     * @return the failure without those wrappers
     */
    public static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while (cause instanceof java.util.concurrent.CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    /**
     * @param failure a throwable
     * @param type the type to look for
     * @param <T> the type
     * @return the first throwable of that type in the cause chain
     */
    public static <T extends Throwable> Optional<T> find(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return Optional.of(type.cast(t));
            }
        }
        return Optional.empty();
    }
}
