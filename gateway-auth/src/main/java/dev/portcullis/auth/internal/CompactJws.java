package dev.portcullis.auth.internal;

import java.util.Base64;

/**
 * Checks that a token is a JWS in canonical compact form: three parts, each strict unpadded base64url that
 * re-encodes to itself. Lenient decoders accept spaces, padding and stray bits, so one token could be spelled many
 * ways; this check keeps exactly one spelling (Wycheproof's {@code base64} vectors).
 */
public final class CompactJws {
    private CompactJws() {
    }

    /** @param token a candidate token @return whether it is a canonical three-part compact JWS */
    public static boolean isCanonical(String token) {
        int first = token.indexOf('.');
        int second = first < 0 ? -1 : token.indexOf('.', first + 1);
        if (first <= 0 || second < 0 || token.indexOf('.', second + 1) >= 0) {
            return false;
        }
        return canonical(token.substring(0, first)) && canonical(token.substring(first + 1, second))
                && canonical(token.substring(second + 1));
    }

    private static boolean canonical(String part) {
        for (int i = 0; i < part.length(); i++) {
            char c = part.charAt(i);
            boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
            if (!ok) {
                return false;
            }
        }
        try {
            byte[] bytes = Base64.getUrlDecoder().decode(part);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).equals(part);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
