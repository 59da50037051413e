package dev.portcullis.otel;

import io.opentelemetry.api.common.AttributeKey;
import java.util.Set;

/**
 * The attribute keys the gateway's spans carry: the stable HTTP semantic conventions' names, and the gateway's own
 * under {@code portcullis.*}. Values come from the request as checked by the gateway or from configuration, never
 * from the query or a header.
 */
final class SpanAttributes {
    static final AttributeKey<String> HTTP_REQUEST_METHOD = AttributeKey.stringKey("http.request.method");
    static final AttributeKey<String> HTTP_REQUEST_METHOD_ORIGINAL =
            AttributeKey.stringKey("http.request.method_original");
    static final AttributeKey<Long> HTTP_RESPONSE_STATUS_CODE = AttributeKey.longKey("http.response.status_code");
    static final AttributeKey<Long> HTTP_REQUEST_RESEND_COUNT = AttributeKey.longKey("http.request.resend_count");
    static final AttributeKey<String> HTTP_ROUTE = AttributeKey.stringKey("http.route");
    static final AttributeKey<String> URL_PATH = AttributeKey.stringKey("url.path");
    static final AttributeKey<String> URL_SCHEME = AttributeKey.stringKey("url.scheme");
    static final AttributeKey<String> SERVER_ADDRESS = AttributeKey.stringKey("server.address");
    static final AttributeKey<Long> SERVER_PORT = AttributeKey.longKey("server.port");
    static final AttributeKey<String> CLIENT_ADDRESS = AttributeKey.stringKey("client.address");
    static final AttributeKey<String> NETWORK_PEER_ADDRESS = AttributeKey.stringKey("network.peer.address");
    static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");

    static final AttributeKey<String> REQUEST_ID = AttributeKey.stringKey("portcullis.request.id");
    static final AttributeKey<String> ROUTE_ID = AttributeKey.stringKey("portcullis.route.id");
    static final AttributeKey<String> STAGE = AttributeKey.stringKey("portcullis.stage");
    static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("portcullis.outcome");
    static final AttributeKey<String> PROBLEM_TYPE = AttributeKey.stringKey("portcullis.problem.type");
    static final AttributeKey<String> SHED_REASON = AttributeKey.stringKey("portcullis.shed.reason");

    /** The span event of a stage that answered the request itself (a 401, a 429, a CORS preflight). */
    static final String STAGE_ANSWERED = "portcullis.stage.answered";
    /** The span event of a request the proxy shed with a 503 without calling an upstream. */
    static final String UPSTREAM_SHED = "portcullis.upstream.shed";

    /** The method value for a method the conventions do not know. */
    static final String OTHER_METHOD = "_OTHER";
    private static final Set<String> KNOWN_METHODS =
            Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH", "QUERY");

    private SpanAttributes() {
    }

    /** @return the method as the conventions name it: one of the known methods, else {@value #OTHER_METHOD} */
    static String method(String sent) {
        return KNOWN_METHODS.contains(sent) ? sent : OTHER_METHOD;
    }

    /** @return the last segment of a problem type URI, e.g. {@code upstream-timeout}: a short, bounded error type */
    static String errorType(String problemType) {
        return problemType.substring(problemType.lastIndexOf('/') + 1);
    }
}
