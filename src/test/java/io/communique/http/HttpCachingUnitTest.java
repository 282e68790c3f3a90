package io.communique.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.MultiMap;
import org.junit.jupiter.api.Test;

/** The header arithmetic of {@link HttpCaching}, without a server. */
class HttpCachingUnitTest {

    @Test
    void varyKeepsWhatWasThereAndNamesEachFieldOnce() {
        MultiMap headers = MultiMap.caseInsensitiveMultiMap().add("Vary", "origin").add("Vary", "X-Tenant, Accept");
        HttpCaching.vary(headers);
        assertEquals("origin, X-Tenant, Accept, Accept-Encoding, Authorization", headers.get("Vary"));
        assertEquals(1, headers.getAll("Vary").size());

        MultiMap empty = MultiMap.caseInsensitiveMultiMap();
        HttpCaching.vary(empty);
        assertEquals("Accept, Accept-Encoding, Authorization, Origin", empty.get("Vary"));
    }

    @Test
    void ifNoneMatchComparesWeakly() {
        String etag = HttpCaching.etag("{}".getBytes());
        assertTrue(etag.startsWith("W/\"") && etag.endsWith("\""));
        String opaque = etag.substring(2);
        assertTrue(HttpCaching.notModified(etag, etag));
        assertTrue(HttpCaching.notModified(opaque, etag));
        assertTrue(HttpCaching.notModified("\"a\" ,  " + opaque, etag));
        assertTrue(HttpCaching.notModified("*", etag));
        assertFalse(HttpCaching.notModified(null, etag));
        assertFalse(HttpCaching.notModified("\"a\", W/\"b\"", etag));
        assertFalse(HttpCaching.notModified(opaque.substring(0, opaque.length() - 1), etag), "quotes are part of the tag");
    }
}
