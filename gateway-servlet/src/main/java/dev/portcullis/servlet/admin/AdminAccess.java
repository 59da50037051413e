package dev.portcullis.servlet.admin;

import dev.portcullis.api.HttpHeaders;
import dev.portcullis.api.Problem;
import dev.portcullis.api.ProblemTypes;
import dev.portcullis.core.ipfilter.CidrRange;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Optional;

/**
 * Who may read the admin view: socket peers inside the allowed blocks, and/or callers presenting the bearer token;
 * with both configured, a caller needs both. A peer outside the blocks is refused 403 before its token is looked at;
 * a missing or wrong token is 401 with a {@code Bearer} challenge. The token is kept as a SHA-256 digest and compared
 * in constant time. Immutable, thread-safe.
 */
final class AdminAccess {
    static final String CHALLENGE = "Bearer realm=\"portcullis-admin\"";
    private static final Problem IP_DENIED = Problem.builder(ProblemTypes.IP_DENIED, 403, "Forbidden")
            .detail("The admin view does not answer this address.").build();
    private static final Problem NO_TOKEN = Problem.builder(ProblemTypes.UNAUTHORIZED, 401, "Unauthorized")
            .detail("The admin view needs its bearer token.").build();
    private static final HttpHeaders CHALLENGE_HEADERS = HttpHeaders.builder()
            .set("WWW-Authenticate", CHALLENGE).build();

    private final List<CidrRange> allowed;
    private final byte[] tokenDigest;

    /**
     * @param allowed the peer blocks, empty for any peer
     * @param token the bearer token, or null for none
     */
    AdminAccess(List<CidrRange> allowed, String token) {
        this.allowed = List.copyOf(allowed);
        this.tokenDigest = token == null ? null : sha256(token);
    }

    /** A refusal: the problem and the headers that go with it. */
    record Refusal(Problem problem, HttpHeaders headers) {
    }

    /**
     * @param peer the socket peer's address as the container reports it (an IP literal)
     * @param authorization the {@code Authorization} header, or null
     * @return the refusal, or empty when the caller may read the view
     */
    Optional<Refusal> check(String peer, String authorization) {
        if (!allowed.isEmpty() && !allowedPeer(peer)) {
            return Optional.of(new Refusal(IP_DENIED, HttpHeaders.empty()));
        }
        if (tokenDigest != null && !MessageDigest.isEqual(tokenDigest, sha256(bearer(authorization)))) {
            return Optional.of(new Refusal(NO_TOKEN, CHALLENGE_HEADERS));
        }
        return Optional.empty();
    }

    private boolean allowedPeer(String peer) {
        if (peer == null || !isIpLiteral(peer)) {
            return false;
        }
        try {
            InetAddress address = InetAddress.getByName(peer.startsWith("[") ? peer.substring(1, peer.length() - 1)
                    : peer);
            return allowed.stream().anyMatch(range -> range.contains(address));
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** Only IP literals are parsed, so no name is ever looked up in DNS. */
    private static boolean isIpLiteral(String peer) {
        return !peer.isEmpty() && peer.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == '.' || c == ':'
                || c == '[' || c == ']');
    }

    private static String bearer(String authorization) {
        if (authorization == null || authorization.length() < 7
                || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return "";
        }
        return authorization.substring(7).trim();
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
