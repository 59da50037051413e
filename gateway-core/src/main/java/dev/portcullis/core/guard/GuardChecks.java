package dev.portcullis.core.guard;

import dev.portcullis.api.GatewayRequest;
import dev.portcullis.api.GatewayResponse;
import dev.portcullis.api.ProblemTypes;
import dev.portcullis.api.QueryParameters;
import dev.portcullis.api.validation.BodyLimits;
import dev.portcullis.api.validation.ValidationResult;
import dev.portcullis.api.validation.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** The individual checks of {@link RequestGuards}; each looks at the request line and headers only. */
final class GuardChecks {
    private static final long MALFORMED = Long.MIN_VALUE;
    private static final Pattern CONTENT_LENGTH = Pattern.compile("[0-9]{1,18}");

    private GuardChecks() {
    }

    /** @return the answer for the first failed check, or null when every check passes */
    static GatewayResponse firstRejection(GatewayRequest request, GuardPolicy policy) {
        if (request.rawPathAndQuery().length() > policy.maxUriLength()) {
            return RequestGuards.problem(ProblemTypes.URI_TOO_LONG, 414, "URI Too Long",
                    "The request target is longer than " + policy.maxUriLength() + " characters.");
        }
        if (headerBytes(request) > policy.maxHeaderBytes()) {
            return RequestGuards.problem(ProblemTypes.HEADERS_TOO_LARGE, 431,
                    "Request Header Fields Too Large",
                    "The request headers are larger than " + policy.maxHeaderBytes() + " bytes.");
        }
        if (!policy.allowedMethods().isEmpty() && !policy.allowedMethods().contains(request.method())) {
            return RequestGuards.methodNotAllowed(policy, request.method());
        }
        if (declaredLength(request) == MALFORMED) {
            return RequestGuards.problem(ProblemTypes.BAD_REQUEST, 400, "Bad Request",
                    "The Content-Length header is malformed or has conflicting values.");
        }
        if (declaredLength(request) > policy.maxBodyBytes()) {
            return GatewayResponse.problem(BodyLimits.tooLarge(policy.maxBodyBytes()).problem());
        }
        if (hasBody(request)) {
            Optional<String> type = request.headers().first("Content-Type");
            if (type.isEmpty() || !policy.acceptsContentType(type.get())) {
                return RequestGuards.problem(ProblemTypes.UNSUPPORTED_MEDIA_TYPE, 415,
                        "Unsupported Media Type", type.isEmpty()
                                ? "The request has a body but no Content-Type."
                                : "The content type " + MediaRange.essence(type.get()) + " is not accepted here.");
            }
        }
        List<Violation> violations = missingOrInvalid(request, policy);
        return violations.isEmpty() ? null : GatewayResponse.problem(
                new ValidationResult.Invalid(400, violations).toProblem());
    }

    /**
     * @return whether the request announces a body: a positive length, or chunked framing. The filter removes
     *     {@code Transfer-Encoding} (hop-by-hop) before the pipeline runs, so chunked framing shows as a body of
     *     unknown length ({@code contentLength() == -1}); the header is still honoured for other callers.
     */
    static boolean hasBody(GatewayRequest request) {
        return declaredLength(request) > 0 || request.body().contentLength() < 0
                || request.headers().contains("Transfer-Encoding");
    }

    /**
     * @return the larger of the body's length and the {@code Content-Length} header, or {@link #MALFORMED} when a
     *     header value is not 1 to 18 digits (no sign) or the values differ (RFC 9110 §8.6 allows repeats of one)
     */
    private static long declaredLength(GatewayRequest request) {
        long declared = -1;
        for (String value : request.headers().all("Content-Length")) {
            for (String item : value.split(",", -1)) {
                String digits = item.trim();
                if (!CONTENT_LENGTH.matcher(digits).matches()
                        || declared >= 0 && declared != Long.parseLong(digits)) {
                    return MALFORMED;
                }
                declared = Long.parseLong(digits);
            }
        }
        return Math.max(declared, request.body().contentLength());
    }

    private static long headerBytes(GatewayRequest request) {
        long[] total = {0};
        request.headers().forEach((name, value) -> total[0] += name.length() + value.length() + 4);
        return total[0];
    }

    private static List<Violation> missingOrInvalid(GatewayRequest request, GuardPolicy policy) {
        List<Violation> violations = new ArrayList<>();
        for (Map.Entry<String, ValueCheck> rule : policy.requiredHeaders().entrySet()) {
            check("/headers/" + rule.getKey(), request.headers().all(rule.getKey()), rule.getValue(), violations);
        }
        if (!policy.requiredQueryParams().isEmpty()) {
            List<QueryParameters.Pair> pairs = QueryParameters.parse(request.rawQuery().orElse(""));
            for (Map.Entry<String, ValueCheck> rule : policy.requiredQueryParams().entrySet()) {
                List<String> values = new ArrayList<>();
                pairs.stream().filter(p -> p.name().equals(rule.getKey())).forEach(p -> values.add(p.value()));
                check("/query/" + rule.getKey(), values, rule.getValue(), violations);
            }
        }
        return violations;
    }

    private static void check(String pointer, List<String> values, ValueCheck check, List<Violation> violations) {
        if (values.isEmpty()) {
            violations.add(new Violation(pointer, "is required"));
            return;
        }
        for (String value : values) {
            if (!check.test(value)) {
                violations.add(new Violation(pointer, "must " + check.expectation()));
                return;
            }
        }
    }
}
