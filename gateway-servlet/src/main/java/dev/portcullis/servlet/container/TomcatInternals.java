package dev.portcullis.servlet.container;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import org.apache.coyote.AbstractProtocol;
import org.apache.coyote.Request;
import org.apache.coyote.http11.Http11InputBuffer;
import org.apache.tomcat.util.net.AbstractEndpoint;
import org.apache.tomcat.util.net.ApplicationBufferHandler;
import org.apache.tomcat.util.net.NioChannel;
import org.apache.tomcat.util.net.NioEndpoint.NioSocketWrapper;
import org.apache.tomcat.util.net.SocketWrapperBase;

/**
 * The private Tomcat 11 fields {@link TomcatSlowClientSampler} reads, resolved once by {@link #resolve()}:
 * <ul>
 *   <li>{@code AbstractProtocol.endpoint}, which holds the open connections;</li>
 *   <li>{@code NioChannel.appReadBufHandler}, the {@link Http11InputBuffer} of the processor that last served the
 *       connection;</li>
 *   <li>that input buffer's {@code wrapper} and {@code request}: whether that processor still serves this connection,
 *       and the request it serves.</li>
 * </ul>
 * The last three find the request a container thread is serving: Tomcat detaches the processor from the connection
 * while a thread runs it, so {@code SocketWrapperBase#getCurrentProcessor()} is then {@code null}. Every field is only
 * read. Thread-safe.
 */
final class TomcatInternals {
    private final VarHandle endpoint;
    private final VarHandle readHandler;
    private final VarHandle bufferWrapper;
    private final VarHandle bufferRequest;

    private TomcatInternals(VarHandle endpoint, VarHandle readHandler, VarHandle bufferWrapper,
            VarHandle bufferRequest) {
        this.endpoint = endpoint;
        this.readHandler = readHandler;
        this.bufferWrapper = bufferWrapper;
        this.bufferRequest = bufferRequest;
    }

    /**
     * @return the accessors
     * @throws IllegalStateException if this Tomcat lacks one of the fields, or its module does not open their packages
     *         ({@code org.apache.coyote}, {@code org.apache.coyote.http11}, {@code org.apache.tomcat.util.net}) to
     *         this library
     */
    static TomcatInternals resolve() {
        try {
            MethodHandles.Lookup buffer = lookupIn(Http11InputBuffer.class);
            return new TomcatInternals(
                    lookupIn(AbstractProtocol.class).findVarHandle(AbstractProtocol.class, "endpoint",
                            AbstractEndpoint.class),
                    lookupIn(NioChannel.class).findVarHandle(NioChannel.class, "appReadBufHandler",
                            ApplicationBufferHandler.class),
                    buffer.findVarHandle(Http11InputBuffer.class, "wrapper", SocketWrapperBase.class),
                    buffer.findVarHandle(Http11InputBuffer.class, "request", Request.class));
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("TomcatSlowClientLimits cannot read the Tomcat 11 fields it needs "
                    + "(packages org.apache.coyote, org.apache.coyote.http11 and org.apache.tomcat.util.net must be "
                    + "open to this library): " + e, e);
        }
    }

    private static MethodHandles.Lookup lookupIn(Class<?> type) throws IllegalAccessException {
        return MethodHandles.privateLookupIn(type, MethodHandles.lookup());
    }

    /**
     * @param protocol a protocol handler
     * @return its endpoint
     */
    AbstractEndpoint<?, ?> endpoint(AbstractProtocol<?> protocol) {
        return (AbstractEndpoint<?, ?>) endpoint.get(protocol);
    }

    /**
     * The request an HTTP/1.1 processor serves on this connection, found through the connection's input buffer. Use
     * it while no processor is attached to the connection, i.e. while a container thread runs one.
     *
     * @param connection an NIO connection
     * @return the request, or {@code null} if no HTTP/1.1 processor serves this connection
     */
    Request requestServedOn(NioSocketWrapper connection) {
        Object handler = readHandler.get(connection.getSocket());
        if (handler instanceof Http11InputBuffer buffer && bufferWrapper.get(buffer) == connection) {
            return (Request) bufferRequest.get(buffer);
        }
        return null;
    }
}
