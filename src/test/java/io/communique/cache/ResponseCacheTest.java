package io.communique.cache;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.communique.live.LiveEvents;
import io.communique.support.GraphQL;
import io.communique.support.GraphQLWs;
import io.communique.support.HeldLocks;
import io.communique.support.Ids;
import io.communique.support.Metrics;
import io.communique.support.OwnDatabaseProfile;
import io.communique.support.SqlStatementCounter;
import io.communique.support.StatusUpdates;
import io.communique.support.Tokens;
import io.communique.support.TrackingDatabase;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The response cache as clients meet it over HTTP: what is answered without touching the database,
 * and that no write, from any writer, leaves a stale answer behind. Runs with the cache on (the test
 * profile turns it off elsewhere), on a database of its own, each test on rows no other test changes.
 */
@QuarkusTest
@TestProfile(ResponseCacheTest.Cached.class)
class ResponseCacheTest {

    static final String DATABASE = "communique_cache";
    static final TrackingDatabase DB = new TrackingDatabase(DATABASE);
    static final String OFFICIAL = GraphQL.load("cached-official");
    static final String STATUS = GraphQL.load("cached-commitment-status");

    public static class Cached extends OwnDatabaseProfile {
        public Cached() {
            super(DATABASE);
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("communique.response-cache.size", "8M");
        }
    }

    @Inject
    ResponseCache cache;

    @Inject
    LiveEvents events;

    /** One POST: the raw body, and how many SQL statements answering it took. */
    record Answer(String body, int statements) {
        JsonPath json() {
            return JsonPath.from(body);
        }
    }

    static Answer post(String token, String cacheControl, String query, Object... variables) {
        SqlStatementCounter.reset();
        String body = rawPost(token, cacheControl, query, variables);
        return new Answer(body, SqlStatementCounter.count());
    }

    static String rawPost(String token, String cacheControl, String query, Object... variables) {
        var request = given().contentType(ContentType.JSON).accept(ContentType.JSON)
                .body(Map.of("query", query, "variables", GraphQL.variables(variables)));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (cacheControl != null) {
            request.header("Cache-Control", cacheControl);
        }
        return request.when().post("/graphql").then().statusCode(200).extract().asString();
    }

    static Answer anonymous(String query, Object... variables) {
        return post(null, null, query, variables);
    }

    /**
     * Sends the query until the cache answers it. Writes made for the test a moment before notify the
     * listener asynchronously, and each one heard retires what was stored before it.
     */
    static Answer servedFromTheCache(String query, Object... variables) {
        List<Answer> answers = new ArrayList<>();
        await().until(() -> {
            answers.add(anonymous(query, variables));
            return answers.get(answers.size() - 1).statements() == 0;
        });
        return answers.get(answers.size() - 1);
    }

    @Test
    void aRepeatedAnonymousQueryIsAnsweredWithoutTheDatabase() {
        String id = Ids.base64("Official:4");
        Answer executed = post(null, "no-cache", OFFICIAL, "id", id);
        assertTrue(executed.statements() > 0, "the first answer is read from the database");
        assertNull(executed.json().get("errors"), executed.body());
        Answer stored = servedFromTheCache(OFFICIAL, "id", id);
        assertEquals(executed.body(), stored.body(), "the stored answer is the executed one, byte for byte");
    }

    /** One GET of the query, with its headers; status and statement count as found. */
    record GetAnswer(int status, String etag, String cacheControl, String body, int statements) {
    }

    static GetAnswer get(String ifNoneMatch, String cacheControl, String query, String variablesJson) {
        SqlStatementCounter.reset();
        var request = given().accept(ContentType.JSON).queryParam("query", query).queryParam("variables", variablesJson);
        if (ifNoneMatch != null) {
            request.header("If-None-Match", ifNoneMatch);
        }
        if (cacheControl != null) {
            request.header("Cache-Control", cacheControl);
        }
        var response = request.when().get("/graphql").then().extract();
        return new GetAnswer(response.statusCode(), response.header("ETag"), response.header("Cache-Control"),
                response.asString(), SqlStatementCounter.count());
    }

    @Test
    void aGetAnsweredFromTheCacheCarriesTheExecutedAnswersETagAndRevalidates() {
        String variables = "{\"id\": \"" + Ids.base64("Official:3") + "\"}";
        GetAnswer executed = get(null, "no-cache", OFFICIAL, variables);
        assertEquals(200, executed.status(), executed.body());
        assertTrue(executed.statements() > 0, "the first answer is read from the database");
        assertTrue(executed.etag() != null && executed.etag().startsWith("W/\""), "ETag: " + executed.etag());

        List<GetAnswer> answers = new ArrayList<>();
        await().until(() -> {
            answers.add(get(null, null, OFFICIAL, variables));
            return answers.get(answers.size() - 1).statements() == 0;
        });
        GetAnswer stored = answers.get(answers.size() - 1);
        assertEquals(200, stored.status(), stored.body());
        assertEquals(executed.body(), stored.body());
        assertEquals(executed.etag(), stored.etag(), "the stored answer's validator differs from the executed one's");
        assertEquals(executed.cacheControl(), stored.cacheControl());

        GetAnswer revalidated = get(executed.etag(), null, OFFICIAL, variables);
        assertEquals(304, revalidated.status(), revalidated.body());
        assertEquals("", revalidated.body());
        assertEquals(0, revalidated.statements(), "a revalidation the cache could answer reached the database");
        assertEquals(executed.etag(), revalidated.etag());
    }

    @Test
    void aMutationRetiresStoredAnswersBeforeItsOwnAnswerIsSent() throws Exception {
        long commitment = DB.newCommitment("AGREED");
        String id = Ids.base64("Commitment:" + commitment);
        // The database's notice of the mutation's commit must not be what retires the answer, or this
        // would pass by a race: the listener is kept busy first. With a subscriber it loads each event it
        // hears, and the test holds that load on a table lock (commitment_topic: nothing below reads it).
        try (GraphQLWs ws = GraphQLWs.connect(); var holder = HeldLocks.open(DB); var sql = holder.createStatement()) {
            int subscribers = events.subscribers();
            ws.subscribe("changes", "subscription { commitmentStatusChanged { commitment { id topics { slug } } } }", Map.of());
            await().until(() -> events.subscribers() > subscribers);
            sql.execute("lock table commitment_topic in access exclusive mode");
            DB.newCommitment("ANNOUNCED");
            await().ignoreExceptionsInstanceOf(AssertionError.class)
                    .until(() -> HeldLocks.waitingFor(DB, holder), pid -> pid > 0);

            assertEquals("AGREED", servedFromTheCache(STATUS, "id", id).json().getString("data.commitment.status"));
            JsonPath written = StatusUpdates.send(Tokens.forRole("editor"), StatusUpdates.input(commitment, "IN_PROGRESS"));
            assertNull(written.get("errors"), written.prettify());

            // No waiting: the client that wrote reads its write at once, whatever the listener is doing.
            Answer after = anonymous(STATUS, "id", id);
            assertEquals("IN_PROGRESS", after.json().getString("data.commitment.status"), after.body());
            assertTrue(after.statements() > 0);
            holder.rollback();
        }
    }

    @Test
    void requestsForAnAnswerBeingMadeWaitForItAndTheQueryRunsOnce() throws Exception {
        // As after a write, when a hot query arrives from many clients at once. The first one's read is held
        // on a table lock of the test's until every other has arrived: each would otherwise run it again.
        String nation = GraphQL.load("cached-nation");
        int clients = 6;
        double joinedBefore = joined();
        List<CompletableFuture<String>> answers = new ArrayList<>();
        SqlStatementCounter.reset();
        ExecutorService senders = Executors.newFixedThreadPool(clients);
        try (var holder = HeldLocks.open(DB); var sql = holder.createStatement()) {
            sql.execute("lock table nation in access exclusive mode");
            for (int i = 0; i < clients; i++) {
                answers.add(CompletableFuture.supplyAsync(() -> rawPost(null, null, nation, "code", "US"), senders));
            }
            await().ignoreExceptionsInstanceOf(AssertionError.class)
                    .until(() -> HeldLocks.waitingFor(DB, holder), pid -> pid > 0);
            await().until(() -> joined() - joinedBefore == clients - 1);
            holder.rollback();
        }
        List<String> bodies = new ArrayList<>();
        try {
            for (var answer : answers) {
                bodies.add(answer.get(30, TimeUnit.SECONDS));
            }
        } finally {
            senders.shutdownNow();
        }
        int statements = SqlStatementCounter.count();
        assertNull(JsonPath.from(bodies.get(0)).get("errors"), bodies.get(0));
        assertEquals("United States", JsonPath.from(bodies.get(0)).getString("data.nation.name"), bodies.get(0));
        bodies.forEach(body -> assertEquals(bodies.get(0), body));
        assertEquals(post(null, "no-cache", nation, "code", "US").statements(), statements,
                "the query ran more than once: " + SqlStatementCounter.statements());
    }

    private static double joined() {
        return Metrics.value(Metrics.scrape(), "communique_response_cache_lookups_total{result=\"joined\"}");
    }

    @Test
    void aWriteByAnyOtherWriterRetiresStoredAnswersOnceItIsHeard() throws SQLException {
        String id = Ids.base64("Official:3");
        String name = servedFromTheCache(OFFICIAL, "id", id).json().getString("data.official.name");
        long before = cache.generation();
        try (var c = DB.connect(); var s = c.createStatement()) {
            // Not through this server: another instance, an import, an operator's SQL.
            s.execute("update official set name = name || ' (renamed)' where id = 3");
        }
        await().until(() -> cache.generation() > before);
        Answer after = anonymous(OFFICIAL, "id", id);
        assertEquals(name + " (renamed)", after.json().getString("data.official.name"), after.body());
        assertTrue(after.statements() > 0);
    }

    @Test
    void aSignedInCallerIsNeverAnsweredFromTheCache() {
        String id = Ids.base64("Official:2");
        String reader = Tokens.forRole("reader");
        for (int i = 0; i < 3; i++) {
            assertTrue(post(reader, null, OFFICIAL, "id", id).statements() > 0, "answer " + i + " came from the cache");
        }
    }

    @Test
    void noCacheExecutesAndNoStoreKeepsTheAnswerOut() {
        String id = Ids.base64("Official:1");
        servedFromTheCache(OFFICIAL, "id", id);
        assertTrue(post(null, "no-cache", OFFICIAL, "id", id).statements() > 0, "no-cache was answered from the cache");
        assertTrue(post(null, "max-age=0", OFFICIAL, "id", id).statements() > 0, "a reload was answered from the cache");

        String other = Ids.base64("Official:5");
        for (int i = 0; i < 3; i++) {
            assertTrue(post(null, "no-store, no-cache", OFFICIAL, "id", other).statements() > 0);
        }
        assertTrue(post(null, "no-store", OFFICIAL, "id", other).statements() > 0, "a no-store answer was stored");
    }

    @Test
    void answersWithErrorsAreNotStored() {
        String missing = Ids.base64("Official:999999");
        for (int i = 0; i < 3; i++) {
            Answer answer = anonymous(OFFICIAL, "id", missing);
            assertEquals("NOT_FOUND", answer.json().getString("errors[0].extensions.code"), answer.body());
            assertTrue(answer.statements() > 0, "answer " + i + " came from the cache");
        }
    }

    @Test
    void theChangeFeedIsNeverStored() {
        // Its answer stops at the oldest transaction still running, which moves without any notice.
        String changes = GraphQL.load("changes");
        for (int i = 0; i < 3; i++) {
            Answer answer = anonymous(changes, "first", 5);
            assertNull(answer.json().get("errors"), answer.body());
            assertTrue(answer.statements() > 0, "answer " + i + " came from the cache");
        }
    }

    @Test
    void theSameQueryWithOtherVariablesIsAnotherAnswer() {
        String first = servedFromTheCache(OFFICIAL, "id", Ids.base64("Official:1")).body();
        Answer second = anonymous(OFFICIAL, "id", Ids.base64("Official:2"));
        assertNotEquals(first, second.body());
    }

    @Test
    void everyTableAnAnswerCanReadNotifiesItsWrites() throws SQLException {
        List<String> silent = new ArrayList<>();
        try (var c = DB.connect(); var s = c.createStatement(); var rs = s.executeQuery(
                "select t.tablename from pg_tables t where t.schemaname = 'public'"
                        + " and t.tablename not in ('persisted_query', 'flyway_schema_history')"
                        + " and not exists (select 1 from pg_trigger g where g.tgrelid = format('public.%I', t.tablename)::regclass"
                        + " and g.tgname = 'data_changed_notice')")) {
            while (rs.next()) {
                silent.add(rs.getString(1));
            }
        }
        assertEquals(List.of(), silent, "tables whose writes the response cache would never hear of");
    }
}
