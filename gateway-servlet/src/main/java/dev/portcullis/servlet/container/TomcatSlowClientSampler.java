package dev.portcullis.servlet.container;

import java.io.IOException;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.apache.catalina.Lifecycle;
import org.apache.catalina.LifecycleEvent;
import org.apache.catalina.LifecycleListener;
import org.apache.catalina.connector.Connector;
import org.apache.coyote.AbstractProtocol;
import org.apache.coyote.Constants;
import org.apache.coyote.Request;
import org.apache.coyote.http11.Http11Processor;
import org.apache.tomcat.util.net.AbstractEndpoint;
import org.apache.tomcat.util.net.NioEndpoint.NioSocketWrapper;
import org.apache.tomcat.util.net.SocketWrapperBase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Enforces the request head deadline and the minimum request-body rate of {@link SlowClientLimits} on one Tomcat 11
 * NIO connector, which has settings for neither. Registered on the {@link Connector} as a {@link LifecycleListener}, it
 * runs one task on Tomcat's utility executor from just after the connector starts until just before it stops; the
 * task samples every open connection once per period: half the head deadline, at most 1 s.
 *
 * <p>At each sample:
 * <ul>
 *   <li>a connection with an HTTP/1.1 processor attached that is neither async nor upgraded waits for the rest of a
 *       request head (Tomcat keeps the processor attached between reads only then); it is cut if the head's first
 *       byte ({@code Request#getStartTimeNanos()}) arrived more than the deadline minus one period ago;</li>
 *   <li>a connection whose request is being served (by a container thread, or asynchronously) while its poller waits
 *       for the client to send ({@code OP_READ} interest, which is also what Tomcat's own read timeout tests) has its
 *       body rate checked: the body bytes delivered so far ({@code Request#getBytesRead()}) against the time since
 *       the first sample that saw any of them. It is cut below the minimum rate.</li>
 * </ul>
 * A cut shuts the connection's input down, so Tomcat's own thread reads end-of-stream: the pending read fails and
 * Tomcat closes the connection without a response. A response being written is never truncated by a cut. Keep-alive
 * waits, responses being written and upgraded connections (HTTP/2, WebSocket) are not measured.
 *
 * <p>The request fields are read without synchronisation, as Tomcat's own {@code RequestInfo} statistics are; a stale
 * value delays a decision by one sample. Thread-safe.
 */
final class TomcatSlowClientSampler implements LifecycleListener {
    private static final Logger LOG = LoggerFactory.getLogger(TomcatSlowClientSampler.class);
    private static final long LONGEST_PERIOD_MILLIS = 1_000;

    private final Connector connector;
    private final TomcatInternals internals;
    private final long periodMillis;
    private final long headLimitNanos;
    private final long minBodyRate;
    private ScheduledFuture<?> task;

    TomcatSlowClientSampler(Connector connector, SlowClientLimits limits, TomcatInternals internals) {
        this.connector = connector;
        this.internals = internals;
        long headMillis = limits.requestHeadTimeout().toMillis();
        this.periodMillis = Math.max(1, Math.min(LONGEST_PERIOD_MILLIS, headMillis / 2));
        this.headLimitNanos = TimeUnit.MILLISECONDS.toNanos(headMillis - periodMillis);
        this.minBodyRate = limits.minRequestBodyRate();
    }

    @Override
    public synchronized void lifecycleEvent(LifecycleEvent event) {
        if (Lifecycle.AFTER_START_EVENT.equals(event.getType())) {
            AbstractProtocol<?> protocol = (AbstractProtocol<?>) connector.getProtocolHandler();
            task = protocol.getUtilityExecutor().scheduleWithFixedDelay(new Sampling(internals.endpoint(protocol)),
                    periodMillis, periodMillis, TimeUnit.MILLISECONDS);
        } else if (Lifecycle.BEFORE_STOP_EVENT.equals(event.getType()) && task != null) {
            task.cancel(false);
            task = null;
        }
    }

    /** The sampling task of one start of the connector. Its runs never overlap; each sees what the last one did. */
    private final class Sampling implements Runnable {
        private final AbstractEndpoint<?, ?> endpoint;
        /** When a sample first saw body bytes of each connection's request, as of the last sample. */
        private Map<SocketWrapperBase<?>, Body> bodies = new HashMap<>();

        Sampling(AbstractEndpoint<?, ?> endpoint) {
            this.endpoint = endpoint;
        }

        /** A failure must not end the periodic task, which would silently drop both limits. */
        @Override
        public void run() {
            try {
                sample(System.nanoTime());
            } catch (RuntimeException e) {
                LOG.warn("Slow-client sampling of {} failed; it runs again in {} ms", connector, periodMillis, e);
            }
        }

        private void sample(long now) {
            Map<SocketWrapperBase<?>, Body> seen = new HashMap<>();
            for (SocketWrapperBase<?> connection : endpoint.getConnections()) {
                if (connection instanceof NioSocketWrapper nio && !nio.isClosed()) {
                    Request served = inspect(nio, now);
                    if (served != null) {
                        watchBody(nio, served, now, seen);
                    }
                }
            }
            bodies = seen;
        }

        /**
         * Cuts an HTTP/1.1 connection past its head deadline.
         *
         * @return the request this connection is being served, or {@code null}
         */
        private Request inspect(NioSocketWrapper connection, long now) {
            Object attached = connection.getCurrentProcessor();
            if (attached == null) {
                Request served = internals.requestServedOn(connection);
                boolean inService = served != null
                        && served.getRequestProcessor().getStage() == Constants.STAGE_SERVICE;
                return inService ? served : null;
            }
            if (!(attached instanceof Http11Processor processor) || processor.isUpgrade()) {
                return null;
            }
            Request request = processor.getRequest();
            if (processor.isAsync()) {
                return request;
            }
            long headStart = request.getStartTimeNanos();
            // still attached after the read: the processor was not released and reused for another connection
            if (headStart != -1 && now - headStart > headLimitNanos && connection.getCurrentProcessor() == processor) {
                cut(connection);
            }
            return null;
        }

        private void watchBody(NioSocketWrapper connection, Request request, long now,
                Map<SocketWrapperBase<?>, Body> seen) {
            long bytes = request.getBytesRead();
            long requestStart = request.getStartTimeNanos();
            if (bytes == 0 || requestStart == -1) {
                return;
            }
            Body previous = bodies.get(connection);
            if (previous == null || previous.requestStart() != requestStart) {
                seen.put(connection, new Body(requestStart, now));
                return;
            }
            seen.put(connection, previous);
            long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(now - previous.firstSeen());
            if (bytes * 1_000d < (double) minBodyRate * elapsedMillis
                    && connection.interestOpsHas(SelectionKey.OP_READ)) {
                cut(connection);
            }
        }
    }

    private static void cut(NioSocketWrapper connection) {
        SocketChannel channel = connection.getSocket().getIOChannel();
        if (channel == null) {
            return;
        }
        try {
            channel.shutdownInput();
        } catch (IOException closedMeanwhile) {
            // nothing left to cut
        }
    }

    /**
     * @param requestStart {@code Request#getStartTimeNanos()} of the request, which tells it from the next one on the
     *        same connection
     * @param firstSeen when a sample first saw body bytes of it
     */
    private record Body(long requestStart, long firstSeen) {
    }
}
