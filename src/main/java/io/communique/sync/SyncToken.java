package io.communique.sync;

import io.communique.errors.BadUserInputException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * A position in the change order: base64url of {@code "sync1:<xid>:<seq>"}. The prefix names the
 * format's version, so a later format can be told apart and old tokens still read (or refused
 * by name). Tokens grant nothing (every node is publicly readable), so they are not signed: a
 * token that does not parse, or names a position the server has not reached, is refused.
 */
public record SyncToken(long xid, long seq) {

    /** Before every change: a full sync starts here. */
    public static final SyncToken START = new SyncToken(0, 0);

    private static final String VERSION = "sync1";
    private static final Pattern DECODED = Pattern.compile(VERSION + ":(0|[1-9][0-9]{0,18}):(0|[1-9][0-9]{0,18})");
    private static final int MAX_LENGTH = 80;

    public String encode() {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((VERSION + ":" + xid + ":" + seq).getBytes(StandardCharsets.US_ASCII));
    }

    /** Decodes the token given in {@code argument}; null means a full sync. */
    public static SyncToken decode(String token, String argument) {
        if (token == null) {
            return START;
        }
        if (token.length() <= MAX_LENGTH) {
            try {
                var m = DECODED.matcher(new String(Base64.getUrlDecoder().decode(token), StandardCharsets.US_ASCII));
                if (m.matches()) {
                    return new SyncToken(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)));
                }
            } catch (IllegalArgumentException e) {
                // not base64url, or a number out of range: refused below
            }
        }
        throw invalid(argument);
    }

    static BadUserInputException invalid(String argument) {
        return new BadUserInputException("Argument '" + argument + "' is not a valid sync token: pass null for a full sync,"
                + " or the nextToken of an earlier changes response.");
    }
}
