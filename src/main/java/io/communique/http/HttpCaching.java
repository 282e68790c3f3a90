package io.communique.http;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * HTTP caching of /graphql answers (README, "GET and HTTP caching"). A successful GET (status 200,
 * no error in the body) gets a validator and, when anonymous, may be stored by any cache for the
 * configured time; everything else must not be stored.
 *
 * <p>The ETag is weak: {@code W/"<SHA-256 of the JSON body, base64url>"}. Vert.x compresses a
 * large body when the client accepts gzip or deflate, after the ETag is set, so the same JSON goes
 * out in several content codings; a strong ETag would have to differ between them (RFC 9110,
 * 8.8.1), a weak one names exactly what is meant, "the same JSON". If-None-Match compares weakly
 * anyway, so a client that holds either form of the tag gets its 304.
 */
final class HttpCaching {

    private final String anonymousRead;

    HttpCaching(long maxAgeSeconds) {
        this.anonymousRead = "public, max-age=" + maxAgeSeconds;
    }

    /** Cache-Control of a successful GET: shared caches may keep anonymous reads, never a signed-in caller's. */
    String successfulGet(HttpServerRequest request) {
        return request.getHeader(HttpHeaders.AUTHORIZATION) == null ? anonymousRead : "private, no-store";
    }

    /** Cache-Control of everything but a successful GET: a POST's answer, an error, a refusal. */
    static String notStorable(HttpServerRequest request) {
        return "POST".equals(request.method().name()) ? "no-store" : "private, no-store";
    }

    static String etag(byte[] body) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
            return "W/\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(digest) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }

    /**
     * The tag of the body as sent with {@code media}: the same bytes under the other media type are another
     * representation, and a shared cache that revalidated one with the other's tag (both vary on Accept)
     * could hand a client the Content-Type it did not ask for (RFC 9111 4.3.4).
     */
    static String forMediaType(String etag, ResponseMediaType media) {
        return media == ResponseMediaType.JSON ? etag : etag.substring(0, etag.length() - 1) + ".gr\"";
    }

    /** Whether If-None-Match names this ETag (weak comparison, RFC 9110 13.1.2) or is {@code *}. */
    static boolean notModified(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        String opaque = opaque(etag);
        for (String candidate : ifNoneMatch.split(",")) {
            String tag = candidate.trim();
            if (tag.equals("*") || opaque(tag).equals(opaque)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Adds the request headers a response depends on to any Vary field a filter set before, without
     * repeats: the media type negotiated, the coding Vert.x picks, the caller, and the origin (Quarkus's
     * CORS filter echoes an allowed Origin in Access-Control-Allow-Origin but does not say it varies).
     */
    static void vary(MultiMap responseHeaders) {
        Set<String> fields = new LinkedHashSet<>();
        for (String value : responseHeaders.getAll(HttpHeaders.VARY)) {
            for (String field : value.split(",")) {
                if (!field.isBlank()) {
                    fields.add(field.trim());
                }
            }
        }
        for (String field : new String[] {"Accept", "Accept-Encoding", "Authorization", "Origin"}) {
            if (fields.stream().noneMatch(field::equalsIgnoreCase)) {
                fields.add(field);
            }
        }
        responseHeaders.set(HttpHeaders.VARY, String.join(", ", fields));
    }

    private static String opaque(String tag) {
        return tag.startsWith("W/") ? tag.substring(2) : tag;
    }
}
