package io.communique.relay;

import io.communique.errors.BadUserInputException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * Opaque page cursor: base64url of {@code "cursor:v1:<ordering>:<key>"}. The ordering is part of
 * the cursor so that a cursor taken under one ordering is refused under another instead of
 * silently paging from the wrong place.
 */
public final class Cursor {

    /** The only ordering so far: by primary key, which follows creation order. */
    public static final String ORDER_BY_KEY = "key";

    private static final Pattern DECODED = Pattern.compile("cursor:v1:([a-z_]+):([1-9][0-9]{0,18})");

    private Cursor() {
    }

    public static String encode(long key) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(("cursor:v1:" + ORDER_BY_KEY + ":" + key).getBytes(StandardCharsets.US_ASCII));
    }

    static long decode(String cursor, String path, String argument) {
        if (cursor.length() <= 120) {
            try {
                var m = DECODED.matcher(new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII));
                if (m.matches() && m.group(1).equals(ORDER_BY_KEY)) {
                    return Long.parseLong(m.group(2));
                }
            } catch (IllegalArgumentException e) {
                // falls through: not base64url, or a key out of range
            }
        }
        throw new BadUserInputException("Argument '" + argument + "' on the '" + path
                + "' connection is not a valid cursor for this connection.");
    }
}
