package io.communique.search;

import io.communique.errors.BadUserInputException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * Position in a ranked result list: base64url of {@code "cursor:v1:search:<search>:<rank>:<type>:<key>"}.
 * The rank is kept as the exact bits of the float PostgreSQL computed, so the next page starts
 * exactly after the last hit, with ties broken by type and key; no OFFSET. {@code <search>} is a
 * fingerprint of the query and types, so a cursor of one search is refused by another instead of
 * silently paging from an unrelated place.
 */
public record SearchCursor(float rank, SearchType type, long key) {

    private static final Pattern DECODED = Pattern.compile(
            "cursor:v1:search:([0-9a-f]{8}):([0-9a-f]{8}):([A-Z]+):([1-9][0-9]{0,18})");
    private static final int MAX_LENGTH = 160;

    public String encode(String fingerprint) {
        String raw = "cursor:v1:search:" + fingerprint + ":" + String.format("%08x", Float.floatToIntBits(rank)) + ":"
                + type.name() + ":" + key;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.US_ASCII));
    }

    /** Decodes the cursor given in {@code argument} of a search whose fingerprint is {@code fingerprint}. */
    public static SearchCursor decode(String cursor, String fingerprint, String argument) {
        if (cursor.length() <= MAX_LENGTH) {
            try {
                var m = DECODED.matcher(new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII));
                if (m.matches() && m.group(1).equals(fingerprint)) {
                    float rank = Float.intBitsToFloat(Integer.parseUnsignedInt(m.group(2), 16));
                    if (Float.isFinite(rank) && rank >= 0) {
                        return new SearchCursor(rank, SearchType.valueOf(m.group(3)), Long.parseLong(m.group(4)));
                    }
                }
            } catch (IllegalArgumentException e) {
                // falls through: not base64url, an unknown type, or a key out of range
            }
        }
        throw new BadUserInputException("Argument '" + argument
                + "' on the 'search' connection is not a valid cursor for this search.");
    }
}
