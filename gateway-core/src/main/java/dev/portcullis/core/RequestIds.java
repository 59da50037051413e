package dev.portcullis.core;

import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * Chooses the id of a request: a well-formed incoming id from a trusted proxy, otherwise a fresh random one (32 hex
 * digits). Ids identify log lines, not secrets, so a fast non-cryptographic source suffices. Thread-safe.
 */
public final class RequestIds {
    private static final Pattern WELL_FORMED = Pattern.compile("[A-Za-z0-9._:+=/-]{1,128}");
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private RequestIds() {
    }

    /**
     * @param incoming the incoming header value, or null
     * @param fromTrustedPeer whether the socket peer is a trusted proxy
     * @return the id to use
     */
    public static String choose(String incoming, boolean fromTrustedPeer) {
        if (fromTrustedPeer && incoming != null && WELL_FORMED.matcher(incoming).matches()) {
            return incoming;
        }
        ThreadLocalRandom random = ThreadLocalRandom.current();
        char[] id = new char[32];
        hex(random.nextLong(), id, 0);
        hex(random.nextLong(), id, 16);
        return new String(id);
    }

    /** Writes {@code value} as 16 lower-case hex digits, zero-padded, at {@code offset}. */
    private static void hex(long value, char[] into, int offset) {
        for (int i = 15; i >= 0; i--) {
            into[offset + i] = HEX[(int) (value & 0xF)];
            value >>>= 4;
        }
    }
}
