package io.communique.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.communique.support.Tokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/**
 * HTTP caching of /graphql: a weak ETag on every successful GET, 304 for a matching If-None-Match,
 * Cache-Control by who asks and what came back, and Vary. java.net.http sends no Accept-Encoding
 * of its own and never decompresses, so every byte on the wire is the server's.
 */
@QuarkusTest
class HttpCachingTest {

    private static final String SMALL = "{ nation(code: \"IN\") { name } }";
    /** Well over communique.http.compression.min-bytes, so that it is gzipped for clients that accept it. */
    private static final String LARGE = "{ statements(first: 40) { nodes { text } } }";

    @TestHTTPResource("/graphql")
    URI endpoint;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void aSuccessfulAnonymousGetIsPublicWithAnETagOfItsBody() throws Exception {
        HttpResponse<byte[]> first = get(SMALL);
        assertEquals(200, first.statusCode());
        assertEquals("public, max-age=60", header(first, "Cache-Control"));
        assertEquals("W/\"" + sha256(first.body()) + "\"", header(first, "ETag"));
        assertEquals("Accept, Accept-Encoding, Authorization, Origin", header(first, "Vary"));

        HttpResponse<byte[]> second = get(SMALL);
        assertEquals(header(first, "ETag"), header(second, "ETag"), "identical requests, identical tags");
        assertArrayEquals(first.body(), second.body());
        assertNotEquals(header(first, "ETag"), header(get("{ nation(code: \"US\") { name } }"), "ETag"));
    }

    @Test
    void eachMediaTypeHasATagOfItsOwn() throws Exception {
        // The bodies are the same bytes, but a shared cache revalidating one media type's copy with the other's
        // tag would serve the Content-Type the client did not ask for: the tags were equal.
        HttpResponse<byte[]> json = get(SMALL);
        HttpResponse<byte[]> graphqlResponse = get(SMALL, "Accept", "application/graphql-response+json");
        assertArrayEquals(json.body(), graphqlResponse.body());
        assertNotEquals(header(json, "ETag"), header(graphqlResponse, "ETag"));
        assertEquals(304, get(SMALL, "Accept", "application/graphql-response+json",
                "If-None-Match", header(graphqlResponse, "ETag")).statusCode());
        assertEquals(200, get(SMALL, "Accept", "application/graphql-response+json",
                "If-None-Match", header(json, "ETag")).statusCode());
    }

    @Test
    void ifNoneMatchWithTheTagIs304WithoutABody() throws Exception {
        String etag = header(get(SMALL), "ETag");
        String strongForm = etag.substring(2);
        for (String ifNoneMatch : new String[] {etag, strongForm, "\"other\", " + etag, "*"}) {
            HttpResponse<byte[]> response = get(SMALL, "If-None-Match", ifNoneMatch);
            assertEquals(304, response.statusCode(), ifNoneMatch);
            assertEquals(0, response.body().length);
            assertEquals(etag, header(response, "ETag"));
            assertEquals("public, max-age=60", header(response, "Cache-Control"));
            assertEquals("Accept, Accept-Encoding, Authorization, Origin", header(response, "Vary"));
            assertEquals(Optional.empty(), response.headers().firstValue("Content-Encoding"));
        }
        HttpResponse<byte[]> changed = get(SMALL, "If-None-Match", "W/\"something-else\"");
        assertEquals(200, changed.statusCode());
        assertEquals("India", JsonPath.from(new String(changed.body(), StandardCharsets.UTF_8)).getString("data.nation.name"));
    }

    @Test
    void theTagNamesTheJsonWhateverTheContentCoding() throws Exception {
        HttpResponse<byte[]> identity = get(LARGE);
        HttpResponse<byte[]> gzipped = get(LARGE, "Accept-Encoding", "gzip");
        assertEquals("gzip", header(gzipped, "Content-Encoding"));
        assertTrue(identity.body().length > 1024, "the query must be large enough to be compressed");
        try (var in = new GZIPInputStream(new ByteArrayInputStream(gzipped.body()))) {
            assertArrayEquals(identity.body(), in.readAllBytes());
        }
        assertEquals(header(identity, "ETag"), header(gzipped, "ETag"));
        assertEquals("W/\"" + sha256(identity.body()) + "\"", header(gzipped, "ETag"));

        HttpResponse<byte[]> revalidated = get(LARGE, "Accept-Encoding", "gzip", "If-None-Match", header(gzipped, "ETag"));
        assertEquals(304, revalidated.statusCode());
        assertEquals(0, revalidated.body().length);
    }

    @Test
    void aSignedInGetIsNeverStored() throws Exception {
        HttpResponse<byte[]> response = get(SMALL, "Authorization", "Bearer " + Tokens.forRole("editor"));
        assertEquals(200, response.statusCode());
        assertEquals("private, no-store", header(response, "Cache-Control"));
        assertTrue(response.headers().firstValue("ETag").isPresent(), "a client may still revalidate");
        assertEquals("Accept, Accept-Encoding, Authorization, Origin", header(response, "Vary"));
    }

    @Test
    void anAnswerWithErrorsIsNeverStoredNorValidated() throws Exception {
        // A field error: data is present, so 200, but the answer is not one to keep.
        String broken = "{ node(id: \"not-an-id\") { id } }";
        HttpResponse<byte[]> response = get(broken, "If-None-Match", "*");
        assertEquals(200, response.statusCode());
        assertTrue(new String(response.body(), StandardCharsets.UTF_8).contains("\"errors\""));
        assertEquals("private, no-store", header(response, "Cache-Control"));
        assertEquals(Optional.empty(), response.headers().firstValue("ETag"));

        HttpResponse<byte[]> invalid = get("{ nope }");
        assertEquals("private, no-store", header(invalid, "Cache-Control"));
        assertEquals(Optional.empty(), invalid.headers().firstValue("ETag"));

        HttpResponse<byte[]> refused = get("mutation M { x }");
        assertEquals(405, refused.statusCode());
        assertEquals("private, no-store", header(refused, "Cache-Control"));
    }

    @Test
    void postAnswersAreNotStored() throws Exception {
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(endpoint)
                .header("Content-Type", "application/json")
                .header("If-None-Match", "*")
                .POST(HttpRequest.BodyPublishers.ofString("{\"query\": \"" + SMALL.replace("\"", "\\\"") + "\"}"))
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, response.statusCode());
        assertEquals("no-store", header(response, "Cache-Control"));
        assertEquals(Optional.empty(), response.headers().firstValue("ETag"));
        assertEquals("Accept, Accept-Encoding, Authorization, Origin", header(response, "Vary"));
    }

    private HttpResponse<byte[]> get(String query, String... headers) throws IOException, InterruptedException {
        URI uri = URI.create(endpoint + "?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8));
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Accept", "application/json").GET();
        for (int i = 0; i < headers.length; i += 2) {
            request.setHeader(headers[i], headers[i + 1]);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String header(HttpResponse<?> response, String name) {
        return response.headers().firstValue(name).orElseThrow(() -> new AssertionError("no " + name + " header"));
    }

    private static String sha256(byte[] body) throws Exception {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest.getInstance("SHA-256").digest(body));
    }
}
