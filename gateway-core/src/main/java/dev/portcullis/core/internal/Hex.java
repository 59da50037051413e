package dev.portcullis.core.internal;

/** Writes random ids as lower-case hex digits: request ids, trace and span ids. Stateless. */
public final class Hex {
    private static final char[] DIGITS = "0123456789abcdef".toCharArray();

    private Hex() {
    }

    /**
     * Writes {@code value} as 16 lower-case hex digits, zero-padded, at {@code offset}.
     *
     * @param value the value
     * @param into the characters to write into
     * @param offset where the first digit goes
     */
    public static void write(long value, char[] into, int offset) {
        long rest = value;
        for (int i = 15; i >= 0; i--) {
            into[offset + i] = DIGITS[(int) (rest & 0xF)];
            rest >>>= 4;
        }
    }
}
