package dev.portcullis.api.validation;

/**
 * Problem {@code type} URIs for request guards, CORS, IP rules and body parsing, beside the core catalogue in
 * {@link dev.portcullis.api.ProblemTypes} (which holds {@code payload-too-large}, {@code validation-failed} and the
 * rest). They are stable: clients may branch on them.
 *
 * <pre>{@code
 * Problem.builder(RequestProblemTypes.IP_DENIED, 403, "Forbidden").detail("Your address may not call this.").build();
 * }</pre>
 */
public final class RequestProblemTypes {
    private static final String BASE = "https://portcullis.dev/problems/";

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

    private RequestProblemTypes() {
    }
}
