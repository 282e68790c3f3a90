package io.communique.relay;

import io.communique.errors.BadUserInputException;
import io.communique.errors.Wording;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * Opaque, global node id: base64url of {@code "<GraphQL type>:<primary key>"}. Keys of seeded rows
 * are fixed in the seed data, so ids survive restarts and re-seeding. Clients must treat ids as
 * opaque; the encoding may gain a version prefix but old ids will keep resolving.
 */
public record GlobalId(String type, long key) {

    private static final Pattern DECODED = Pattern.compile("([A-Z][A-Za-z]{0,63}):([1-9][0-9]{0,18})");
    private static final int MAX_LENGTH = 120;

    public String encode() {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((type + ":" + key).getBytes(StandardCharsets.US_ASCII));
    }

    public static String encode(String type, long key) {
        return new GlobalId(type, key).encode();
    }

    /**
     * Decodes an id given in {@code argument}.
     *
     * @throws BadUserInputException when the id is not one this API issued
     */
    public static GlobalId decode(String id, String argument) {
        if (id != null && id.length() <= MAX_LENGTH) {
            try {
                var decoded = new String(Base64.getUrlDecoder().decode(id), StandardCharsets.US_ASCII);
                var m = DECODED.matcher(decoded);
                if (m.matches()) {
                    return new GlobalId(m.group(1), Long.parseLong(m.group(2)));
                }
            } catch (IllegalArgumentException e) {
                // falls through to the error below: not base64url, or a key out of range
            }
        }
        throw new BadUserInputException("Argument '" + argument + "' is not a valid node id.");
    }

    /** Decodes an id that must name a node of {@code expectedType}. */
    public static long decodeKey(String id, String expectedType, String argument) {
        var gid = decode(id, argument);
        if (!gid.type().equals(expectedType)) {
            throw new BadUserInputException("Argument '" + argument + "' must be the id of " + Wording.a(expectedType)
                    + ", not of " + Wording.a(gid.type()) + ".");
        }
        return gid.key();
    }
}
