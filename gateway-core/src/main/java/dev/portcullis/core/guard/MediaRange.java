package dev.portcullis.core.guard;

import java.util.Locale;

/** One accepted content type: {@code type/subtype}, {@code type/*}, or a suffix range such as {@code application/*+json}. */
record MediaRange(String type, String subtype) {

    static MediaRange parse(String text) {
        String essence = essence(text);
        int slash = essence.indexOf('/');
        if (slash <= 0 || slash == essence.length() - 1 || essence.indexOf('/', slash + 1) >= 0) {
            throw new IllegalArgumentException("allowedContentTypes: not a media type: " + text);
        }
        return new MediaRange(essence.substring(0, slash), essence.substring(slash + 1));
    }

    /** @return the media type without parameters, lower case */
    static String essence(String contentType) {
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
    }

    boolean includes(String contentType) {
        String essence = essence(contentType);
        int slash = essence.indexOf('/');
        if (slash < 0) {
            return false;
        }
        String actualType = essence.substring(0, slash);
        String actualSubtype = essence.substring(slash + 1);
        if (!type.equals("*") && !type.equals(actualType)) {
            return false;
        }
        if (subtype.equals("*")) {
            return true;
        }
        return subtype.startsWith("*+") ? actualSubtype.endsWith(subtype.substring(1)) : subtype.equals(actualSubtype);
    }

    @Override
    public String toString() {
        return type + '/' + subtype;
    }
}
