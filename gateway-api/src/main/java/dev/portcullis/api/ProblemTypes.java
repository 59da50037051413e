package dev.portcullis.api;

/**
 * The catalogue of problem {@code type} URIs the gateway itself answers with. They are stable: a client may branch
 * on them. Custom interceptors should use URIs of their own.
 */
public final class ProblemTypes {
    private static final String BASE = "https://portcullis.dev/problems/";

    /** A request the gateway cannot make sense of (400). */
    public static final String BAD_REQUEST = BASE + "bad-request";
    /** A path that is ambiguous or unsafe to route: encoded dot segments, encoded slashes, control characters (400). */
    public static final String INVALID_PATH = BASE + "invalid-path";
    /** Credentials missing or invalid (401). */
    public static final String UNAUTHORIZED = BASE + "unauthorized";
    /** Valid credentials that lack the rights the route requires, or a denied client (403). */
    public static final String FORBIDDEN = BASE + "forbidden";
    /** No upstream answered in time with its response headers, or connecting took too long (504). */
    public static final String UPSTREAM_TIMEOUT = BASE + "upstream-timeout";
    /** The upstream could not be reached or answered with a malformed response (502). */
    public static final String UPSTREAM_UNAVAILABLE = BASE + "upstream-unavailable";
    /**
     * The gateway cannot serve the request now: no healthy upstream instance, a store down in fail-closed mode (503,
     * with {@code Retry-After}).
     */
    public static final String SERVICE_UNAVAILABLE = BASE + "service-unavailable";
    /**
     * The gateway holds as many exchanges in flight as its admission cap allows, or a route as many upstream requests
     * as its circuit breaker allows, and sheds this one at once without calling an upstream (503, with
     * {@code Retry-After}).
     */
    public static final String OVERLOADED = BASE + "overloaded";
    /** The request went over a rate limit (429). */
    public static final String RATE_LIMITED = BASE + "rate-limited";
    /** The body, or its declared length, is over the route's limit (413). */
    public static final String PAYLOAD_TOO_LARGE = BASE + "payload-too-large";
    /** The request failed validation (400/422). */
    public static final String VALIDATION_FAILED = BASE + "validation-failed";
    /** The gateway failed on its own account; the log holds the details under the request id (500). */
    public static final String INTERNAL_ERROR = BASE + "internal-error";

    /** The method is not allowed on the route (405, with {@code Allow}). */
    public static final String METHOD_NOT_ALLOWED = BASE + "method-not-allowed";
    /** The body's {@code Content-Type} is not accepted by the route (415). */
    public static final String UNSUPPORTED_MEDIA_TYPE = BASE + "unsupported-media-type";
    /** The request target is longer than allowed (414). */
    public static final String URI_TOO_LONG = BASE + "uri-too-long";
    /** The request header section is larger than allowed (431). */
    public static final String HEADERS_TOO_LARGE = BASE + "headers-too-large";
    /** The body is not well-formed JSON (400). */
    public static final String INVALID_JSON = BASE + "invalid-json";
    /** A CORS preflight from an origin, method or header the policy does not allow (403). */
    public static final String CORS_REJECTED = BASE + "cors-rejected";
    /** The client address is denied by the IP rules (403). */
    public static final String IP_DENIED = BASE + "ip-denied";
    /** The request uses a transfer coding other than {@code chunked}, which the gateway does not implement (501). */
    public static final String UNSUPPORTED_TRANSFER_CODING = BASE + "unsupported-transfer-coding";
    /** 501: the request asks to switch protocols (a WebSocket upgrade, say) on a route the proxy cannot upgrade. */
    public static final String UPGRADE_NOT_SUPPORTED = BASE + "upgrade-not-supported";

    private ProblemTypes() {
    }
}
