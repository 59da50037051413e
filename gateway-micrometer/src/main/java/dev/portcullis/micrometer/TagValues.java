package dev.portcullis.micrometer;

import dev.portcullis.api.ExchangeEvent;
import dev.portcullis.api.ProblemTypes;

/**
 * Turns what the gateway reports into tag values from small closed sets, so no client can mint a new time series:
 * methods outside the standard nine become {@value #OTHER}, statuses their class, outcomes and upstream failures a
 * fixed word. Stateless.
 */
final class TagValues {
    /** The tag value of a name beyond a cap, or a method outside the standard ones. */
    static final String OTHER = "other";
    /** The tag value of an absent name: no route, no problem type, no status. */
    static final String NONE = "none";
    /** The method of an exchange refused before its request was read. */
    static final String UNKNOWN_METHOD = "UNKNOWN";

    static final String[] METHODS = {"GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "CONNECT",
        OTHER, UNKNOWN_METHOD};
    static final String[] STATUS_CLASSES = {NONE, "1xx", "2xx", "3xx", "4xx", "5xx"};
    static final String[] OUTCOMES = {"completed", "application", "client-gone", "upstream-failed"};
    static final String[] UPSTREAM_OUTCOMES = {"answered", "unavailable", "timeout", "overloaded", "failed"};

    private TagValues() {
    }

    /** @return the index in {@link #METHODS}: a standard method, else {@value #OTHER} */
    static int method(String method) {
        for (int i = 0; i < 9; i++) {
            if (METHODS[i].equals(method)) {
                return i;
            }
        }
        return 9;
    }

    /** @return the index in {@link #STATUS_CLASSES}: 0 for no status (or one outside 100..599), else its class */
    static int statusClass(int status) {
        return status >= 100 && status <= 599 ? status / 100 : 0;
    }

    /** @return the index in {@link #OUTCOMES} */
    static int outcome(ExchangeEvent.Outcome outcome) {
        return outcome.ordinal();
    }

    /** @return the index in {@link #UPSTREAM_OUTCOMES} of an upstream failure's problem type */
    static int upstreamFailure(String problemType) {
        switch (problemType) {
            case ProblemTypes.UPSTREAM_UNAVAILABLE:
                return 1;
            case ProblemTypes.UPSTREAM_TIMEOUT:
                return 2;
            case ProblemTypes.OVERLOADED:
                return 3;
            default:
                return 4;
        }
    }
}
