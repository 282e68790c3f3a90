package io.communique.http;

import java.util.Locale;
import java.util.Optional;

/**
 * The two media types a GraphQL-over-HTTP server answers in, and the choice between them from a
 * request's {@code Accept} header (GraphQL over HTTP, "Accept" and "Legacy watershed").
 */
enum ResponseMediaType {
    GRAPHQL_RESPONSE_JSON("application", "graphql-response+json"),
    JSON("application", "json");

    private final String type;
    private final String subtype;

    ResponseMediaType(String type, String subtype) {
        this.type = type;
        this.subtype = subtype;
    }

    /** The Content-Type header value; the body is always UTF-8, and saying so costs nothing. */
    String contentType() {
        return type + "/" + subtype + "; charset=utf-8";
    }

    /**
     * The media type to answer in, or empty when the header admits neither (406). No header, a
     * blank one, {@code *}/{@code *} or {@code application/*} mean application/json: the spec's
     * legacy rule for clients that predate application/graphql-response+json. When both are named
     * with the same weight, the newer graphql-response+json wins.
     */
    static Optional<ResponseMediaType> negotiate(String acceptHeader) {
        if (acceptHeader == null || acceptHeader.isBlank()) {
            return Optional.of(JSON);
        }
        Match best = null;
        for (ResponseMediaType candidate : values()) {
            Match match = candidate.matchIn(acceptHeader);
            if (match != null && match.quality > 0 && (best == null || match.beats(best))) {
                best = match;
            }
        }
        return Optional.ofNullable(best).map(Match::mediaType);
    }

    /** The most specific range of the header that covers this type (RFC 9110, 12.5.1), or null. */
    private Match matchIn(String acceptHeader) {
        Match found = null;
        // A limit of -1 keeps empty pieces: ";;;".split(";") is an empty array, and the header is the client's to garble.
        for (String range : acceptHeader.split(",", -1)) {
            String[] parts = range.split(";", -1);
            String mediaRange = parts[0].trim().toLowerCase(Locale.ROOT);
            int slash = mediaRange.indexOf('/');
            if (slash < 0) {
                continue;
            }
            String rangeType = mediaRange.substring(0, slash).trim();
            String rangeSubtype = mediaRange.substring(slash + 1).trim();
            int specificity;
            if (rangeType.equals(type) && rangeSubtype.equals(subtype)) {
                specificity = 2;
            } else if (rangeType.equals(type) && rangeSubtype.equals("*")) {
                specificity = 1;
            } else if (rangeType.equals("*") && rangeSubtype.equals("*")) {
                specificity = 0;
            } else {
                continue;
            }
            double quality = 1.0;
            boolean charsetOk = true;
            for (int i = 1; i < parts.length; i++) {
                String param = parts[i].trim();
                int eq = param.indexOf('=');
                if (eq < 0) {
                    continue;
                }
                String name = param.substring(0, eq).trim().toLowerCase(Locale.ROOT);
                String value = unquote(param.substring(eq + 1).trim());
                if (name.equals("q")) {
                    quality = parseQuality(value);
                } else if (name.equals("charset")) {
                    // Responses are always UTF-8 (the spec requires it), so a range asking for another charset cannot match.
                    charsetOk = value.equalsIgnoreCase("utf-8") || value.equalsIgnoreCase("utf8");
                }
            }
            if (!charsetOk) {
                continue;
            }
            if (found == null || specificity > found.specificity
                    || (specificity == found.specificity && quality > found.quality)) {
                found = new Match(this, quality, specificity);
            }
        }
        return found;
    }

    private static double parseQuality(String value) {
        try {
            double q = Double.parseDouble(value);
            return q >= 0 && q <= 1 ? q : 0;
        } catch (NumberFormatException e) {
            // An unreadable weight cannot be honoured as a preference, so it cannot make the type acceptable either.
            return 0;
        }
    }

    static String unquote(String value) {
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            return value.substring(1, value.length() - 1);
        }
        return value;
    }

    private record Match(ResponseMediaType mediaType, double quality, int specificity) {
        boolean beats(Match other) {
            if (quality != other.quality) {
                return quality > other.quality;
            }
            if (specificity != other.specificity) {
                return specificity > other.specificity;
            }
            // Same weight, same specificity: named explicitly, prefer the modern type; via a wildcard, the legacy one.
            return specificity == 2 ? mediaType == GRAPHQL_RESPONSE_JSON : mediaType == JSON;
        }
    }
}
