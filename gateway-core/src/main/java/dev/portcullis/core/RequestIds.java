package dev.portcullis.core;

import dev.portcullis.core.internal.Hex;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * Chooses the id of a request: a well-formed incoming id from a trusted proxy, otherwise a fresh random one (32 hex
 * digits). Ids identify log lines, not secrets, so a fast non-cryptographic source suffices. Thread-safe.
 */
public final class RequestIds {
    private static final Pattern WELL_FORMED = Pattern.compile("[A-Za-z0-9._:+=/-]{1,128}");

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
        Hex.write(random.nextLong(), id, 0);
        Hex.write(random.nextLong(), id, 16);
        return new String(id);
    }
}
