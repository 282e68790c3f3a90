package io.communique.apq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.communique.support.GraphQL;
import io.communique.support.Metrics;
import io.communique.support.OwnDatabaseProfile;
import io.communique.support.TrackingDatabase;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Automatic persisted queries over HTTP, every path of the protocol: unknown hash, registration,
 * hash alone, wrong hash, wrong version, GET, a mutation named by hash over GET, a document that
 * does not validate, and a hash registered by another instance. Runs on a database of its own,
 * whose persisted_query table the tests read directly.
 */
@QuarkusTest
@TestProfile(PersistedQueriesTest.Writable.class)
class PersistedQueriesTest {

    static final String DATABASE = "communique_apq";
    static final TrackingDatabase DB = new TrackingDatabase(DATABASE);
    static final String GRAPHQL_RESPONSE = "application/graphql-response+json";

    static final int MAX_STORED = 20;

    /**
     * Also sets the anonymous max-age, to show it is configuration and not a constant, and a table
     * small enough to overflow in a test.
     */
    public static class Writable extends OwnDatabaseProfile {
        public Writable() {
            super(DATABASE);
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("communique.http.cache.max-age", "300",
                    "communique.apq.max-stored", String.valueOf(MAX_STORED));
        }
    }

    @TestHTTPResource("/graphql")
    URI endpoint;

    @Inject
    PersistedQueryStore store;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void anUnknownHashIsNotFoundSoThatTheClientResendsTheText() throws Exception {
        String document = "query UnknownYet { nation(code: \"US\") { code } }";
        HttpResponse<String> legacy = post("application/json", hashOnly(document));
        assertEquals(200, legacy.statusCode(), legacy.body());
        assertNotFound(legacy);
        assertEquals("no-store", legacy.headers().firstValue("Cache-Control").orElseThrow());

        HttpResponse<String> modern = post(GRAPHQL_RESPONSE, hashOnly(document));
        assertEquals(400, modern.statusCode(), modern.body());
        assertNotFound(modern);
        assertEquals(0, rows(PersistedQuery.sha256(document)));
    }

    @Test
    void hashWithTextRunsAndStoresThenTheHashAloneRuns() throws Exception {
        String document = "query Registered { nation(code: \"IN\") { name } }";
        String hash = PersistedQuery.sha256(document);
        assertEquals(0, rows(hash));

        HttpResponse<String> first = post("application/json", withText(document, hash));
        assertEquals(200, first.statusCode(), first.body());
        assertEquals("India", JsonPath.from(first.body()).getString("data.nation.name"));
        assertEquals(1, rows(hash));
        assertEquals(document, storedDocument(hash));

        HttpResponse<String> byHash = post("application/json", hashOnly(document));
        assertEquals(200, byHash.statusCode(), byHash.body());
        assertEquals(first.body(), byHash.body());

        // Sending the text again (a client that always does) neither fails nor adds a row.
        assertEquals(200, post("application/json", withText(document, hash)).statusCode());
        assertEquals(1, rows(hash));
    }

    @Test
    void aHashThatIsNotTheTextsIsRefusedAndNothingIsStoredOrRun() throws Exception {
        String document = "query Honest { nation(code: \"IN\") { name } }";
        String otherHash = PersistedQuery.sha256("query Other { __typename }");
        HttpResponse<String> response = post("application/json", withText(document, otherHash));
        assertEquals(400, response.statusCode(), response.body());
        JsonPath body = JsonPath.from(response.body());
        assertEquals("PERSISTED_QUERY_HASH_MISMATCH", body.getString("errors[0].extensions.code"));
        assertNull(body.get("data"));
        assertEquals(0, rows(otherHash));
        assertEquals(0, rows(PersistedQuery.sha256(document)));
        // A hash in upper case is the same hash: not a mismatch.
        String upper = PersistedQuery.sha256(document).toUpperCase();
        assertEquals(200, post("application/json", withText(document, upper)).statusCode());
    }

    @Test
    void onlyVersionOneIsSpoken() throws Exception {
        String hash = PersistedQuery.sha256("{ __typename }");
        for (String extension : new String[] {
                "{\"version\": 2, \"sha256Hash\": \"" + hash + "\"}",
                "{\"version\": \"1\", \"sha256Hash\": \"" + hash + "\"}",
                "{\"sha256Hash\": \"" + hash + "\"}"}) {
            HttpResponse<String> response = post("application/json",
                    "{\"query\": \"{ __typename }\", \"extensions\": {\"persistedQuery\": " + extension + "}}");
            assertEquals(400, response.statusCode(), extension + " -> " + response.body());
            assertEquals("PERSISTED_QUERY_VERSION_NOT_SUPPORTED",
                    JsonPath.from(response.body()).getString("errors[0].extensions.code"), extension);
        }
    }

    @Test
    void aMalformedExtensionIsABadRequest() throws Exception {
        for (String extension : new String[] {
                "\"" + PersistedQuery.sha256("{ __typename }") + "\"",
                "{\"version\": 1, \"sha256Hash\": \"abc\"}",
                "{\"version\": 1, \"sha256Hash\": 42}",
                "{\"version\": 1}"}) {
            HttpResponse<String> response = post("application/json",
                    "{\"extensions\": {\"persistedQuery\": " + extension + "}}");
            assertEquals(400, response.statusCode(), extension + " -> " + response.body());
            assertEquals("BAD_REQUEST", JsonPath.from(response.body()).getString("errors[0].extensions.code"), extension);
        }
    }

    @Test
    void getRunsAStoredQueryByItsHashAlone() throws Exception {
        String document = "query ByGet($code: String!) { nation(code: $code) { name } }";
        String hash = PersistedQuery.sha256(document);
        HttpResponse<String> unknown = get(Map.of("extensions", extension(hash), "variables", "{\"code\":\"US\"}"));
        assertEquals(200, unknown.statusCode(), unknown.body());
        assertNotFound(unknown);
        assertEquals("private, no-store", unknown.headers().firstValue("Cache-Control").orElseThrow());
        assertTrue(unknown.headers().firstValue("ETag").isEmpty());

        HttpResponse<String> registered = get(Map.of("query", document, "extensions", extension(hash),
                "variables", "{\"code\":\"US\"}"));
        assertEquals(200, registered.statusCode(), registered.body());
        assertEquals(1, rows(hash));

        HttpResponse<String> byHash = get(Map.of("extensions", extension(hash), "variables", "{\"code\":\"US\"}",
                "operationName", "ByGet"));
        assertEquals(200, byHash.statusCode(), byHash.body());
        assertEquals("United States", JsonPath.from(byHash.body()).getString("data.nation.name"));
        assertEquals("public, max-age=300", byHash.headers().firstValue("Cache-Control").orElseThrow());
        assertTrue(byHash.headers().firstValue("ETag").isPresent());
    }

    @Test
    void aMutationNamedByHashIsRefusedOverGet() throws Exception {
        // Stored as another client would have registered it over POST.
        String document = GraphQL.load("update-commitment-status");
        String hash = PersistedQuery.sha256(document);
        insertRow(hash, document);
        HttpResponse<String> response = get(Map.of("extensions", extension(hash),
                "variables", "{\"input\": {\"commitmentId\": \"x\"}}"));
        assertEquals(405, response.statusCode(), response.body());
        assertEquals("POST", response.headers().firstValue("Allow").orElseThrow());
        assertEquals("METHOD_NOT_ALLOWED", JsonPath.from(response.body()).getString("errors[0].extensions.code"));
        // From memory this time (the refused request loaded it): still refused.
        assertTrue(store.cached(hash).isPresent());
        assertEquals(405, get(Map.of("extensions", extension(hash))).statusCode());
    }

    @Test
    void aMutationOfExactlyTheTokenLimitNamedByHashIsRefusedOverGet() throws Exception {
        // 33 tokens around 14,967 strings: 15,000, which the engine parses and runs. The check of the
        // operation's type parsed with graphql-java's general options, whose limit is one lower, found no
        // operation, and let the GET run the mutation.
        String document = "mutation Padded($v: [String!] = [" + " \"a\"".repeat(14_967)
                + " ]) { updateStatement(input: {statementId: \"x\", topicIds: $v}) { clientMutationId } }";
        String hash = PersistedQuery.sha256(document);
        insertRow(hash, document);
        for (String operationName : new String[] {"Padded", ""}) {
            HttpResponse<String> response = get(Map.of("extensions", extension(hash), "operationName", operationName));
            assertEquals(405, response.statusCode(), response.body());
            assertEquals("METHOD_NOT_ALLOWED", JsonPath.from(response.body()).getString("errors[0].extensions.code"));
        }
        // Over POST the same document reaches the field (which wants a signed-in caller): the method refused it
        // over GET, not its size.
        HttpResponse<String> posted = post("application/json", hashOnly(document));
        assertEquals(200, posted.statusCode(), posted.body());
        assertEquals("UNAUTHENTICATED", JsonPath.from(posted.body()).getString("errors[0].extensions.code"), posted.body());
    }

    @Test
    void aSubscriptionNamedByHashIsRefusedOverPost() throws Exception {
        // A subscription needs a WebSocket whether its text is sent or only its hash.
        String document = "subscription Statements { statementAdded(dialogueId: \"x\") { id } }";
        String hash = PersistedQuery.sha256(document);
        insertRow(hash, document);
        HttpResponse<String> response = post("application/json", hashOnly(document));
        assertEquals(400, response.statusCode(), response.body());
        assertEquals("BAD_REQUEST", JsonPath.from(response.body()).getString("errors[0].extensions.code"), response.body());
    }

    @Test
    void aDocumentThatDoesNotParseOrValidateIsNotStored() throws Exception {
        Map<String, String> invalid = Map.of(
                "query NoSuchField { nope }", "VALIDATION_FAILED",
                "query Broken { nation(code: ", "PARSE_FAILED",
                deep(24), "QUERY_TOO_DEEP");
        for (var entry : invalid.entrySet()) {
            String hash = PersistedQuery.sha256(entry.getKey());
            HttpResponse<String> response = post("application/json", withText(entry.getKey(), hash));
            assertEquals(entry.getValue(), JsonPath.from(response.body()).getString("errors[0].extensions.code"),
                    response.body());
            assertEquals(0, rows(hash), entry.getKey());
            assertFalse(store.cached(hash).isPresent(), entry.getKey());
            assertNotFound(post("application/json", hashOnly(entry.getKey())));
        }
    }

    @Test
    void anotherInstanceFindsWhatOneStored() throws Exception {
        String document = "query Shared { nations(first: 2) { nodes { code } } }";
        String hash = PersistedQuery.sha256(document);
        assertEquals(200, post("application/json", withText(document, hash)).statusCode());
        // A second instance starts with an empty cache: only the table knows the hash.
        store.evictAll();
        assertEquals(Optional.empty(), store.cached(hash));
        HttpResponse<String> response = post("application/json", hashOnly(document));
        assertEquals(200, response.statusCode(), response.body());
        assertEquals(2, JsonPath.from(response.body()).getList("data.nations.nodes").size());

        // And the other way round: a row another instance wrote is found here.
        String theirs = "query Theirs { nation(code: \"US\") { code } }";
        insertRow(PersistedQuery.sha256(theirs), theirs);
        HttpResponse<String> found = get(Map.of("extensions", extension(PersistedQuery.sha256(theirs))));
        assertEquals(200, found.statusCode(), found.body());
        assertEquals("US", JsonPath.from(found.body()).getString("data.nation.code"));
    }

    @Test
    void registeringWithoutEndKeepsOnlyTheNewestDocumentsAndAnEvictedOneIsRegisteredAgain() throws Exception {
        // Each alias makes a new document that runs: what a client flooding the table would send.
        List<String> flood = IntStream.range(0, MAX_STORED + 5)
                .mapToObj(i -> "query Flood { f" + i + ": __typename }")
                .toList();
        for (String document : flood) {
            HttpResponse<String> response = post("application/json", withText(document, PersistedQuery.sha256(document)));
            assertEquals(200, response.statusCode(), response.body());
        }
        assertEquals(MAX_STORED, allRows());
        for (String kept : flood.subList(5, flood.size())) {
            assertEquals(1, rows(PersistedQuery.sha256(kept)), kept);
        }
        String oldest = flood.get(0);
        assertEquals(0, rows(PersistedQuery.sha256(oldest)));
        double evicted = counter("communique_apq_evicted_total");
        assertTrue(evicted >= 5, "evicted " + evicted);

        // Gone from the table, so gone for an instance that does not hold it in memory; the
        // protocol's resend stores it again, as the newest, and the table stays at its bound.
        store.evictAll();
        assertNotFound(post("application/json", hashOnly(oldest)));
        assertEquals(200, post("application/json", withText(oldest, PersistedQuery.sha256(oldest))).statusCode());
        assertEquals(1, rows(PersistedQuery.sha256(oldest)));
        assertEquals(MAX_STORED, allRows());
        assertEquals(0, rows(PersistedQuery.sha256(flood.get(5))), "the oldest of the rest made room");
        assertEquals(evicted + 1, counter("communique_apq_evicted_total"));

        // Evicted from the table by another instance's registrations while this one still holds it in memory: the
        // other instance answers not found, and the client's resend may land here. It was not stored again, since
        // this instance knew it, so every later request by hash to the other instance missed once more.
        deleteRow(PersistedQuery.sha256(oldest));
        assertEquals(200, post("application/json", withText(oldest, PersistedQuery.sha256(oldest))).statusCode());
        assertEquals(1, rows(PersistedQuery.sha256(oldest)), "the resend stores it again on any instance");
    }

    @Test
    void lookupsAreCountedByWhereTheDocumentWasFoundAndStoresByRow() throws Exception {
        String document = "query Counted { nation(code: \"US\") { name } }";
        String hash = PersistedQuery.sha256(document);
        double missed = lookups("miss");
        assertNotFound(post("application/json", hashOnly(document)));
        assertEquals(missed + 1, lookups("miss"));

        double stored = counter("communique_apq_stored_total");
        assertEquals(200, post("application/json", withText(document, hash)).statusCode());
        assertEquals(stored + 1, counter("communique_apq_stored_total"));

        double inMemory = lookups("memory");
        assertEquals(200, post("application/json", hashOnly(document)).statusCode());
        assertEquals(inMemory + 1, lookups("memory"));

        store.evictAll();
        double inTable = lookups("table");
        assertEquals(200, post("application/json", hashOnly(document)).statusCode());
        assertEquals(inTable + 1, lookups("table"));
        assertEquals(missed + 1, lookups("miss"));
    }

    // ---- helpers

    /** A valid document nesting {@code levels} fields deep (introspection, so it holds at any depth). */
    private static String deep(int levels) {
        StringBuilder document = new StringBuilder("query Deep { __schema { types { fields { type { ");
        for (int i = 4; i < levels; i++) {
            document.append("ofType { ");
        }
        document.append("name");
        document.append(" }".repeat(levels));
        return document.append(" }").toString();
    }

    private static void assertNotFound(HttpResponse<String> response) {
        JsonPath body = JsonPath.from(response.body());
        assertEquals("PersistedQueryNotFound", body.getString("errors[0].message"), response.body());
        assertEquals("PERSISTED_QUERY_NOT_FOUND", body.getString("errors[0].extensions.code"));
        assertNull(body.get("data"));
    }

    private static String extension(String hash) {
        return "{\"persistedQuery\":{\"version\":1,\"sha256Hash\":\"" + hash + "\"}}";
    }

    private static String hashOnly(String document) {
        return "{\"extensions\": " + extension(PersistedQuery.sha256(document)) + "}";
    }

    private static String withText(String document, String hash) {
        return "{\"query\": " + jsonString(document) + ", \"extensions\": " + extension(hash) + "}";
    }

    private static String jsonString(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }

    private HttpResponse<String> post(String accept, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(endpoint)
                .header("Content-Type", "application/json")
                .header("Accept", accept)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(Map<String, String> parameters) throws Exception {
        StringBuilder uri = new StringBuilder(endpoint.toString()).append('?');
        parameters.forEach((name, value) -> uri.append(name).append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20")).append('&'));
        return http.send(HttpRequest.newBuilder(URI.create(uri.toString())).header("Accept", "application/json").GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static long rows(String hash) throws SQLException {
        try (var c = DB.connect(); var s = c.prepareStatement("select count(*) from persisted_query where sha256_hash = ?")) {
            s.setString(1, hash.toLowerCase());
            var rs = s.executeQuery();
            rs.next();
            return rs.getLong(1);
        }
    }

    private static double lookups(String result) {
        return counter("communique_apq_lookups_total{result=\"" + result + "\"}");
    }

    private static double counter(String series) {
        return Metrics.value(Metrics.scrape(), series);
    }

    private static long allRows() throws SQLException {
        try (var c = DB.connect(); var s = c.prepareStatement("select count(*) from persisted_query")) {
            var rs = s.executeQuery();
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String storedDocument(String hash) throws SQLException {
        try (var c = DB.connect(); var s = c.prepareStatement("select document from persisted_query where sha256_hash = ?")) {
            s.setString(1, hash);
            var rs = s.executeQuery();
            return rs.next() ? rs.getString(1) : null;
        }
    }

    private static void deleteRow(String hash) throws SQLException {
        try (var c = DB.connect(); var s = c.prepareStatement("delete from persisted_query where sha256_hash = ?")) {
            s.setString(1, hash);
            s.executeUpdate();
        }
    }

    private static void insertRow(String hash, String document) throws SQLException {
        try (var c = DB.connect(); var s = c.prepareStatement(
                "insert into persisted_query (sha256_hash, document) values (?, ?) on conflict do nothing")) {
            s.setString(1, hash);
            s.setString(2, document);
            s.executeUpdate();
        }
    }
}
