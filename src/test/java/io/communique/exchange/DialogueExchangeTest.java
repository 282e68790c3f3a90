package io.communique.exchange;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.communique.service.DialogueImporter;
import io.communique.support.GraphQL;
import io.communique.support.HeldLocks;
import io.communique.support.Ids;
import io.communique.support.Tokens;
import io.communique.support.TrackingDatabase;
import io.communique.support.WritableProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Whole dialogues out and in over GraphQL: deterministic exports, idempotent and atomic imports,
 * roles, and the round trip through an empty database. Runs on the database of {@link WritableProfile} and finds
 * rows by natural keys only, since the round trip renumbers every id.
 */
@QuarkusTest
@TestProfile(WritableProfile.class)
class DialogueExchangeTest {

    static final TrackingDatabase DB = WritableProfile.DB;
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    static final String SEED = "fifth-india-us-2-2-ministerial-dialogue";

    /** Each test starts from the seed as migrated, whatever the others imported or truncated. */
    @BeforeEach
    void startFromTheSeed() throws SQLException {
        DB.restoreFirstState();
    }

    static long dialogueKey(String slug) throws SQLException {
        try (var c = DB.connect(); var ps = c.prepareStatement("select id from dialogue where slug = ?")) {
            ps.setString(1, slug);
            var rs = ps.executeQuery();
            assertTrue(rs.next(), "no dialogue " + slug);
            return rs.getLong(1);
        }
    }

    /** The export of a dialogue as the server sent it, field order included. */
    static ObjectNode export(String slug) throws Exception {
        String body = given().contentType(ContentType.JSON).accept(ContentType.JSON)
                .body(Map.of("query", GraphQL.load("export-dialogue"), "variables", Map.of("id", Ids.base64("Dialogue:" + dialogueKey(slug)))))
                .when().post("/graphql").then().statusCode(200).extract().asString();
        JsonNode response = JSON.readTree(body);
        assertTrue(response.path("errors").isMissingNode(), body);
        return (ObjectNode) response.at("/data/exportDialogue");
    }

    static String text(JsonNode document) throws Exception {
        return JSON.writeValueAsString(document);
    }

    static JsonPath importAs(String token, JsonNode document) throws Exception {
        Map<String, Object> input = new HashMap<>();
        input.put("document", JSON.convertValue(document, Object.class));
        input.put("clientMutationId", "import-1");
        return GraphQL.as(token, GraphQL.load("import-dialogue"), "input", input);
    }

    static JsonPath imported(JsonNode document) throws Exception {
        var response = importAs(Tokens.forRole("editor"), document);
        assertNull(response.get("errors"), response.prettify());
        assertEquals("import-1", response.getString("data.importDialogue.clientMutationId"));
        return response;
    }

    static long auditCount() throws SQLException {
        try (var c = DB.connect(); var s = c.createStatement()) {
            var rs = s.executeQuery("select count(*) from audit_entry where action = 'importDialogue'");
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Sends a document that must be refused, and checks the code, the pointer in the message and that nothing changed. */
    static void refused(String code, String token, JsonNode document, String pointer) throws Exception {
        var before = DB.contents();
        var response = importAs(token, document);
        assertEquals(code, response.getString("errors[0].extensions.code"), response.prettify());
        assertNull(response.get("data.importDialogue"));
        if (pointer != null) {
            String message = response.getString("errors[0].message");
            assertTrue(message.contains("'input.document'") && message.contains(" " + pointer + ":"), message);
        }
        assertEquals(before, DB.contents(), "a refused import must leave every table unchanged");
    }

    /** As refused, with the message also saying {@code saying}; the document is sent as JSON text, so it may hold what Java maps cannot carry to the wire (a lone surrogate as an escape). */
    static void refusedSaying(String documentText, String pointer, String saying) throws Exception {
        var before = DB.contents();
        String body = "{\"query\": " + JSON.writeValueAsString(GraphQL.load("import-dialogue"))
                + ", \"variables\": {\"input\": {\"document\": " + documentText + "}}}";
        JsonPath response = given().contentType(ContentType.JSON).accept(ContentType.JSON)
                .header("Authorization", "Bearer " + Tokens.forRole("editor")).body(body)
                .when().post("/graphql").then().statusCode(200).extract().jsonPath();
        assertEquals("BAD_USER_INPUT", response.getString("errors[0].extensions.code"), response.prettify());
        String message = response.getString("errors[0].message");
        assertTrue(message.startsWith("Argument 'input.document' at " + pointer + ": ") && message.contains(saying), message);
        assertEquals(before, DB.contents(), "a refused import must leave every table unchanged");
    }

    static void refusedSaying(JsonNode document, String pointer, String saying) throws Exception {
        refusedSaying(JSON.writeValueAsString(document), pointer, saying);
    }

    static int version(String table, String where) throws SQLException {
        try (var c = DB.connect(); var s = c.createStatement(); var rs = s.executeQuery("select version from " + table + " where " + where)) {
            assertTrue(rs.next(), table + " where " + where);
            return rs.getInt(1);
        }
    }

    static ObjectNode changed(ObjectNode document, Consumer<ObjectNode> change) {
        ObjectNode copy = document.deepCopy();
        change.accept(copy);
        return copy;
    }

    static int indexOf(ObjectNode document, String commitment) {
        for (int i = 0; i < document.get("commitments").size(); i++) {
            if (document.at("/commitments/" + i + "/slug").asText().equals(commitment)) {
                return i;
            }
        }
        throw new AssertionError("no commitment " + commitment);
    }

    static ObjectNode commitment(ObjectNode document, String slug) {
        for (JsonNode m : document.get("commitments")) {
            if (m.get("slug").asText().equals(slug)) {
                return (ObjectNode) m;
            }
        }
        throw new AssertionError("no commitment " + slug);
    }

    @Test
    void theSeedExportsAsADeterministicDocumentOfNaturalKeys() throws Exception {
        ObjectNode first = export(SEED);
        assertEquals(text(first), text(export(SEED)), "two exports of unchanged data are identical");
        assertEquals(List.of("format", "version", "nations", "topics", "subjects", "officials", "dialogue", "documents",
                "statements", "commitments"), iterable(first.fieldNames()));
        assertEquals("communique-dialogue", first.get("format").asText());
        assertEquals(2, first.get("nations").size());
        assertEquals(5, first.get("officials").size());
        assertEquals(1, first.get("documents").size());
        assertEquals(23, first.get("statements").size());
        assertEquals(9, first.get("commitments").size());
        assertEquals(SEED, first.at("/dialogue/slug").asText());
        // References are natural keys: the co-production of the engine cites the last takeaway by document and span.
        ObjectNode engine = commitment(first, "co-production-of-the-ge-f414-jet-engine");
        JsonNode evidence = engine.at("/history/0/evidence");
        String content = first.at("/documents/0/content").asText();
        assertEquals(first.at("/documents/0/slug").asText(), evidence.get("document").asText());
        assertTrue(content.substring(evidence.get("start").asInt(), evidence.get("end").asInt()).startsWith("Plans for co-production"));
        assertEquals(List.of("IN", "US"), iterable(first.at("/dialogue/nations").elements()).stream().map(JsonNode::asText).toList());
    }

    @Test
    void reimportingTheSameDocumentWritesNothing() throws Exception {
        ObjectNode document = export(SEED);
        var before = DB.contents();
        long audits = auditCount();
        var response = imported(document);
        assertEquals(0, response.getInt("data.importDialogue.created"), response.prettify());
        assertEquals(0, response.getInt("data.importDialogue.updated"), response.prettify());
        // 2 nations, 14 topics, 19 subjects, 5 officials, 1 dialogue, 1 document, 23 statements, 9 commitments, 9 entries
        assertEquals(2 + 14 + 19 + 5 + 1 + 1 + 23 + 9 + 9, response.getInt("data.importDialogue.unchanged"));
        assertEquals(before, DB.contents(), "a re-import writes no row");
        assertEquals(audits, auditCount(), "and no audit entry");
        assertEquals(text(document), text(export(SEED)));
    }

    @Test
    void aChangedDocumentAppliesOnlyTheDifferences() throws Exception {
        ObjectNode document = export(SEED);
        String slug = "supply-of-mq-9b-drones-to-india";
        ObjectNode changed = changed(document, d -> {
            ObjectNode drones = commitment(d, slug);
            drones.put("title", "Supply of MQ-9B drones to India (31 drones)");
            ObjectNode next = ((ArrayNode) drones.get("history")).addObject();
            next.put("status", "AGREED").put("asOf", "2024-10-15").put("note", "Contract signed for 31 drones.").putNull("evidence");
            next.putArray("sources").addObject().put("url", "https://example.org/mq9b-contract").put("title", "MQ-9B contract signed")
                    .putNull("publisher").put("publishedOn", "2024-10-15");
            next.putNull("corrects");
            ((ArrayNode) d.get("topics")).addObject().put("slug", "unmanned-systems").put("name", "Unmanned systems");
            ((ArrayNode) d.at("/statements/3/topics")).add("unmanned-systems");
        });
        var before = DB.rowCounts();
        long audits = auditCount();
        var response = imported(changed);
        // A topic and a status entry created; the commitment and one statement updated.
        assertEquals(2, response.getInt("data.importDialogue.created"), response.prettify());
        assertEquals(2, response.getInt("data.importDialogue.updated"), response.prettify());
        var after = DB.rowCounts();
        Map<String, Long> grew = new HashMap<>();
        after.forEach((table, n) -> {
            if (!n.equals(before.get(table))) {
                grew.put(table, n - before.get(table));
            }
        });
        // node_change (the delta-sync feed) gains a row per new node, the topic and the status entry; the changed
        // commitment and statement keep their rows, moved to a new position.
        assertEquals(Map.of("topic", 1L, "statement_topic", 1L, "commitment_status_entry", 1L, "external_source", 1L,
                "status_entry_source", 1L, "audit_entry", 3L, "node_change", 2L), grew, "only the differences are written");
        assertEquals(audits + 3, auditCount(), "one audit entry per created or changed node: topic, statement, commitment");
        try (var c = DB.connect(); var s = c.createStatement()) {
            var rs = s.executeQuery("select status, version, title from commitment where slug = '" + slug + "'");
            rs.next();
            assertEquals("AGREED", rs.getString(1), "the appended entry is the current status");
            assertEquals(1, rs.getInt(2), "the commitment's version is bumped once");
            assertEquals("Supply of MQ-9B drones to India (31 drones)", rs.getString(3));
        }
        ObjectNode exported = export(SEED);
        ObjectNode expected = changed.deepCopy();
        // The appended entry was stamped by the server.
        ObjectNode appended = (ObjectNode) commitment(exported, slug).at("/history/1");
        assertTrue(appended.get("recordedAt").isTextual());
        assertEquals("editor@tests.communique.example", appended.get("recordedBy").asText());
        ((ObjectNode) commitment(expected, slug).at("/history/1")).set("recordedAt", appended.get("recordedAt"));
        ((ObjectNode) commitment(expected, slug).at("/history/1")).set("recordedBy", appended.get("recordedBy"));
        // Topics sort by slug in an export.
        assertEquals(text(sortTopics(expected)), text(exported));
        // A node the import created carries its audit entry in its public history, as edited nodes do.
        var topics = GraphQL.query("query { topics(first: 100) { nodes { slug history { nodes { action after } } } } }");
        assertNull(topics.get("errors"), topics.prettify());
        assertEquals(List.of("importDialogue"),
                topics.getList("data.topics.nodes.find { it.slug == 'unmanned-systems' }.history.nodes.action"));
        assertEquals("Unmanned systems", JsonPath.from(
                topics.getString("data.topics.nodes.find { it.slug == 'unmanned-systems' }.history.nodes[0].after")).getString("name"));

        var again = imported(exported);
        assertEquals(0, again.getInt("data.importDialogue.created") + again.getInt("data.importDialogue.updated"), again.prettify());
    }

    @Test
    void invalidDocumentsAreRefusedWithAPointerAndWriteNothing() throws Exception {
        String editor = Tokens.forRole("editor");
        ObjectNode document = export(SEED);
        refused("BAD_USER_INPUT", editor, changed(document, d -> ((ObjectNode) d.at("/statements/2")).put("kind", "RUMOUR")),
                "/statements/2/kind");
        refused("BAD_USER_INPUT", editor, changed(document, d -> d.remove("commitments")), null);
        // A document that is not an object was refused as "Argument 'input' has an invalid value.", naming nothing.
        for (JsonNode notAnObject : List.of(JSON.getNodeFactory().textNode("x"), JSON.getNodeFactory().numberNode(5),
                JSON.createArrayNode().add(1))) {
            refused("BAD_USER_INPUT", editor, notAnObject, null);
            assertEquals("Argument 'input.document' must be a JSON object.", importAs(editor, notAnObject).getString("errors[0].message"));
        }
        refused("BAD_USER_INPUT", editor, changed(document, d -> ((ObjectNode) d.at("/statements/4")).put("text", "India and the US")),
                "/statements/4/text");
        refused("BAD_USER_INPUT", editor, changed(document, d -> ((ObjectNode) d.at("/statements/4"))
                .put("end", d.at("/documents/0/content").asText().length() + 5)), "/statements/4");
        refused("BAD_USER_INPUT", editor, changed(document, d -> ((ArrayNode) d.at("/statements/8/speakers")).add("nobody")),
                "/statements/8/speakers/1");
        refused("BAD_USER_INPUT", editor, changed(document, d -> ((ObjectNode) commitment(d, "counter-terrorism-cooperation")
                .at("/history/0")).put("note", "Rewritten history.")), "/commitments/3/history/0");
        refused("BAD_USER_INPUT", editor, changed(document, d -> ((ArrayNode) d.get("statements")).remove(0)), "/statements");
        refused("BAD_USER_INPUT", editor, changed(document, d -> ((ObjectNode) d.at("/documents/0"))
                .put("content", d.at("/documents/0/content").asText() + " Updated.")), "/documents/0/content");
        // Text that shows nothing is refused as on the editorial mutations: the schema alone only asks for one character.
        refused("BAD_USER_INPUT", editor, changed(document, d -> ((ObjectNode) d.at("/dialogue")).put("place", " \u200B ")),
                "/dialogue/place");
        refused("BAD_USER_INPUT", editor, changed(document, d -> ((ArrayNode) d.at("/officials/0/otherNames")).add("\u3164")),
                "/officials/0/otherNames/" + document.at("/officials/0/otherNames").size());
        refused("BAD_USER_INPUT", editor, changed(document, d -> ((ObjectNode) commitment(d, "counter-terrorism-cooperation"))
                .put("description", "")), "/commitments/3/description");
        refused("BAD_USER_INPUT", editor, changed(document, d -> ((ArrayNode) d.at("/nations/1/otherNames")).add("\u3164")),
                "/nations/1/otherNames/" + document.at("/nations/1/otherNames").size());
        refused("BAD_USER_INPUT", editor, changed(document, d -> ((ArrayNode) d.at("/nations/1/otherNames")).add("USA")),
                "/nations/1/otherNames");
        refused("BAD_USER_INPUT", editor, changed(document, d -> d.put("version", 3)), "/version");
        // Values the schema lets through but PostgreSQL refuses or alters are refused before the database is touched,
        // at their pointer (they came back as INTERNAL, or were stored wrapped or as '?').
        String date = "is not a calendar date from 0001-01-01 to 9999-12-31.";
        refusedSaying(changed(document, d -> ((ObjectNode) d.get("dialogue")).put("heldOn", "2023-02-30")), "/dialogue/heldOn",
                "'2023-02-30' " + date);
        refusedSaying(changed(document, d -> ((ObjectNode) d.get("dialogue")).put("heldOn", "0000-01-01")), "/dialogue/heldOn",
                "'0000-01-01' " + date);
        refusedSaying(changed(document, d -> ((ObjectNode) d.at("/officials/0/offices/0")).put("startDate", "2023-13-01")),
                "/officials/0/offices/0/startDate", date);
        refusedSaying(changed(document, d -> ((ObjectNode) d.at("/commitments/0/history/0")).put("asOf", "2023-04-31")),
                "/commitments/0/history/0/asOf", date);
        for (String time : List.of("garbage", "2023-11-10T10:00:00", "2023-11-10 10:00:00Z", "2023-02-30T10:00:00Z", "2023-11-10T10:00:00+16:00")) {
            refusedSaying(changed(document, d -> ((ObjectNode) d.at("/commitments/0/history/0")).put("recordedAt", time)),
                    "/commitments/0/history/0/recordedAt", "'" + time + "' is not an RFC 3339 date and time with an offset");
        }
        refusedSaying(changed(document, d -> ((ObjectNode) d.at("/officials/0")).put("name", "S.\u0000Jaishankar")), "/officials/0/name",
                "U+0000 (NUL)");
        refusedSaying(changed(document, d -> ((ObjectNode) d.at("/documents/0")).put("url", "https://example.org/\u0000")),
                "/documents/0/url", "U+0000 (NUL)");
        refusedSaying(changed(document, d -> ((ObjectNode) d.at("/documents/0")).put("url", "ftp://example.org/a")), "/documents/0/url",
                "must be an http or https URL");
        refusedSaying(changed(document, d -> ((ObjectNode) d.at("/documents/0")).put("url", "https://example.org/a b")), "/documents/0/url",
                "must be an http or https URL");
        // A new document, so that the content is not refused for differing from the recorded one.
        refusedSaying(changed(document, d -> ((ArrayNode) d.get("documents")).addObject().put("slug", "zz-new").put("title", "New")
                .putNull("publisher").putNull("url").put("publishedOn", "2023-11-12").put("content", "Text\u0000here")),
                "/documents/1/content", "U+0000 (NUL)");
        String named = text(changed(document, d -> ((ArrayNode) d.at("/officials/0/otherNames")).add("Jai LONE shankar")));
        refusedSaying(named.replace("LONE", "\\ud800"), "/officials/0/otherNames/" + document.at("/officials/0/otherNames").size(),
                "unpaired UTF-16 surrogate (U+D800) at character 4");
        refusedSaying(text(changed(document, d -> ((ObjectNode) d.get("dialogue")).put("place", "LONE Delhi"))).replace("LONE", "\\udc00"),
                "/dialogue/place", "unpaired UTF-16 surrogate (U+DC00)");
        // Numbers were read with asInt(), which wraps: 4294967296 was stored as 0, 2147483648 failed as INTERNAL.
        String whole = " is not a whole number from 0 to 2147483647.";
        refusedSaying(changed(document, d -> ((ObjectNode) d.at("/statements/0")).put("start", 4294967296L)), "/statements/0/start",
                "4294967296" + whole);
        refusedSaying(changed(document, d -> ((ObjectNode) d.at("/statements/0")).put("start", 2147483648L)), "/statements/0/start",
                "2147483648" + whole);
        refusedSaying(changed(document, d -> ((ObjectNode) d.at("/dialogue")).put("edition", 4294967301L)), "/dialogue/edition",
                "4294967301" + whole);
        // Quoted as it reached the server (JSON's 1e20 arrives through the GraphQL JSON scalar as 1.0E+20), not as 1661992960.
        refusedSaying(text(changed(document, d -> ((ObjectNode) d.at("/statements/0")).put("start", 987654321))).replace("987654321", "1e20"),
                "/statements/0/start", "E+20" + whole);
        refusedSaying(changed(document, d -> {
            ObjectNode next = ((ArrayNode) commitment(d, "supply-of-mq-9b-drones-to-india").get("history")).addObject();
            next.put("status", "AGREED").put("asOf", "2024-10-15").putNull("note").putNull("evidence");
            next.putArray("sources");
            next.put("corrects", 4294967296L);
        }), "/commitments/" + indexOf(document, "supply-of-mq-9b-drones-to-india") + "/history/1/corrects", "4294967296" + whole);
        // A correction stands in its entry's place, so it carries its date, as correctCommitmentStatus dates it: one of
        // another date was written, and the current status's date (statusAsOf, the next update's floor) went wrong.
        String asOf = commitment(document, "counter-terrorism-cooperation").at("/history/0/asOf").asText();
        refusedSaying(changed(document, d -> {
            ObjectNode correction = ((ArrayNode) commitment(d, "counter-terrorism-cooperation").get("history")).addObject();
            correction.put("status", "ABANDONED").put("asOf", "2025-06-01").putNull("note").putNull("evidence");
            correction.putArray("sources").addObject().put("url", "https://example.org/c").put("title", "Correction")
                    .putNull("publisher").putNull("publishedOn");
            correction.put("corrects", 0);
        }), "/commitments/" + indexOf(document, "counter-terrorism-cooperation") + "/history/1/asOf",
                "is 2025-06-01, but a correction has the date of the entry it corrects (" + asOf + ").");
        // The schema's own messages are refused before the database is read, but a late failure rolls back too:
        // a new commitment written, then a contradiction further down the list.
        refused("BAD_USER_INPUT", editor, changed(document, d -> {
            ObjectNode copy = commitment(d, "counter-terrorism-cooperation").deepCopy();
            copy.put("slug", "aaa-new-commitment");
            ((ArrayNode) d.get("commitments")).insert(0, copy);
            ((ObjectNode) commitment(d, "supply-chain-security-and-industrial-integration").at("/history/0")).put("asOf", "2023-11-11");
        }), "/commitments/6/history/0");
    }

    /**
     * An import is a write like the editorial ones: every row it changes (fields, links or offices) moves to
     * the next version, recorded in its audit entry, so an edit based on the version read before the import
     * is refused with CONFLICT instead of overwriting it. Rows it leaves as they are keep their version.
     */
    /**
     * Version 2 added nations' other names. A version 1 document has none, and must not wipe the names a
     * nation has (search finds nations by them); a version 2 document sets them like any other field.
     */
    @Test
    void nationsTravelWithTheirOtherNamesAndAVersionOneDocumentKeepsThem() throws Exception {
        ObjectNode document = export(SEED);
        assertEquals(2, document.get("version").asInt());
        assertEquals("IN", document.at("/nations/0/code").asText());
        assertEquals(List.of("Bharat", "Republic of India"),
                iterable(document.at("/nations/0/otherNames").elements()).stream().map(JsonNode::asText).toList());
        assertEquals(List.of("code", "name", "otherNames"), iterable(document.at("/nations/1").fieldNames()));

        ObjectNode versionOne = changed(document, d -> {
            d.put("version", 1);
            d.get("nations").forEach(n -> ((ObjectNode) n).remove("otherNames"));
        });
        var before = DB.contents();
        long audits = auditCount();
        var response = imported(versionOne);
        assertEquals(0, response.getInt("data.importDialogue.created") + response.getInt("data.importDialogue.updated"),
                response.prettify());
        assertEquals(before, DB.contents(), "a version 1 document changes no nation");
        assertEquals(audits, auditCount());
        assertEquals(text(document), text(export(SEED)), "the nations keep their other names");

        ObjectNode renamed = changed(document, d -> ((ArrayNode) d.at("/nations/0/otherNames")).add("Hindustan"));
        response = imported(renamed);
        assertEquals(1, response.getInt("data.importDialogue.updated"), response.prettify());
        assertEquals(audits + 1, auditCount());
        assertEquals(text(renamed), text(export(SEED)));
        try (var c = DB.connect(); var st = c.createStatement(); var rs = st.executeQuery("select a.before -> 'otherNames',"
                + " a.after -> 'otherNames' from audit_entry a join nation n on n.id = a.node_key where a.node_type = 'Nation'"
                + " and n.code = 'IN' and a.action = 'importDialogue'")) {
            assertTrue(rs.next(), "the import audited the change");
            assertEquals("[\"Bharat\", \"Republic of India\"]", rs.getString(1));
            assertEquals("[\"Bharat\", \"Republic of India\", \"Hindustan\"]", rs.getString(2));
        }
        var found = GraphQL.query("query { search(query: \"Hindustan\", types: [NATION]) { nodes { ... on Nation { code otherNames } } } }");
        assertNull(found.get("errors"), found.prettify());
        assertEquals(List.of(Map.of("code", "IN", "otherNames", List.of("Bharat", "Republic of India", "Hindustan"))),
                found.getList("data.search.nodes"), "search finds the nation by the imported name");
    }

    @Test
    void anImportRaisesTheVersionOfWhatItChanges() throws Exception {
        ObjectNode document = export(SEED);
        String renamed = document.at("/officials/0/slug").asText();
        String untouched = document.at("/officials/1/slug").asText();
        String appointed = document.at("/officials/2/slug").asText();
        String source = document.at("/documents/0/slug").asText();
        JsonNode kindChanged = document.at("/statements/3");
        JsonNode relinked = document.at("/statements/5");
        JsonNode same = document.at("/statements/7");
        ObjectNode changed = changed(document, d -> {
            ((ObjectNode) d.at("/officials/0")).put("name", d.at("/officials/0/name").asText() + " (renamed)");
            ((ArrayNode) d.at("/officials/2/offices")).addObject().put("title", "Special Envoy").put("startDate", "2010-01-01")
                    .put("endDate", "2011-01-01");
            ((ObjectNode) d.get("dialogue")).put("place", "Delhi");
            ((ObjectNode) d.at("/documents/0")).put("title", d.at("/documents/0/title").asText() + " (updated)");
            ((ObjectNode) d.at("/statements/3")).put("kind", "SUMMARY".equals(kindChanged.get("kind").asText()) ? "JOINT_POSITION" : "SUMMARY");
            ArrayNode nations = (ArrayNode) d.at("/statements/5/nations");
            if (nations.isEmpty()) {
                nations.add("IN");
            } else {
                nations.removeAll();
            }
        });
        var response = imported(changed);
        assertEquals(6, response.getInt("data.importDialogue.updated"), response.prettify());
        assertEquals(1, version("official", "slug = '" + renamed + "'"));
        assertEquals(1, version("official", "slug = '" + appointed + "'"), "offices are part of the official");
        assertEquals(0, version("official", "slug = '" + untouched + "'"), "a row the import leaves alone keeps its version");
        assertEquals(1, version("dialogue", "slug = '" + SEED + "'"));
        assertEquals(1, version("source_document", "slug = '" + source + "'"));
        assertEquals(1, version("statement", "span_start = " + kindChanged.get("start") + " and span_end = " + kindChanged.get("end")));
        assertEquals(1, version("statement", "span_start = " + relinked.get("start") + " and span_end = " + relinked.get("end")),
                "links are part of the statement");
        assertEquals(0, version("statement", "span_start = " + same.get("start") + " and span_end = " + same.get("end")));
        try (var c = DB.connect(); var st = c.createStatement(); var rs = st.executeQuery("select node_type, before ->> 'version',"
                + " after ->> 'version' from audit_entry where action = 'importDialogue' order by id")) {
            int audited = 0;
            while (rs.next()) {
                assertEquals("0", rs.getString(2), rs.getString(1) + ": the audit entry records the version before");
                assertEquals("1", rs.getString(3), rs.getString(1) + ": and after");
                audited++;
            }
            assertEquals(6, audited);
        }

        // The editor read version 0 before the import: that write is now stale.
        String dialogue = Ids.base64("Dialogue:" + dialogueKey(SEED));
        var stale = GraphQL.as(Tokens.forRole("editor"), GraphQL.load("editorial-update-dialogue"), "input",
                Map.of("dialogueId", dialogue, "expectedVersion", 0, "place", "Mumbai"));
        assertEquals("CONFLICT", stale.getString("errors[0].extensions.code"), stale.prettify());
        var current = GraphQL.as(Tokens.forRole("editor"), GraphQL.load("editorial-update-dialogue"), "input",
                Map.of("dialogueId", dialogue, "expectedVersion", 1, "place", "New Delhi"));
        assertNull(current.get("errors"), current.prettify());
        assertEquals(2, current.getInt("data.updateDialogue.dialogue.version"));

        // Importing what is recorded writes nothing, versions included.
        var again = imported(export(SEED));
        assertEquals(0, again.getInt("data.importDialogue.updated"), again.prettify());
        assertEquals(2, version("dialogue", "slug = '" + SEED + "'"));
        assertEquals(1, version("official", "slug = '" + renamed + "'"));
    }

    /**
     * An editorial write in flight on a row the import compares: the import waits for it (the row lock the
     * editorial writes take), then compares with what it committed. Without the lock the import compared
     * the older row, found only its own change, and its update put the old name back unaudited.
     */
    @Test
    void anImportWaitsForAnEditInFlightAndAuditsWhatItRevertsOfIt() throws Exception {
        ObjectNode document = export(SEED);
        String slug = document.at("/officials/0/slug").asText();
        String name = document.at("/officials/0/name").asText();
        ObjectNode changed = changed(document, d -> ((ArrayNode) d.at("/officials/0/otherNames")).add("Another spelling"));
        ExecutorService client = Executors.newSingleThreadExecutor();
        try (var editor = DB.connect(); var st = editor.createStatement()) {
            editor.setAutoCommit(false);
            st.execute("update official set name = 'Edited meanwhile', version = version + 1 where slug = '" + slug + "'");
            Future<JsonPath> running = client.submit(() -> importAs(Tokens.forRole("editor"), changed));
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() -> waitingOnRows(editor) == 1);
            editor.commit();
            JsonPath response = running.get(60, TimeUnit.SECONDS);
            assertNull(response.get("errors"), response.prettify());
        } finally {
            client.shutdownNow();
        }
        assertEquals(2, version("official", "slug = '" + slug + "'"), "the edit and the import each moved it on");
        try (var c = DB.connect(); var st = c.createStatement(); var rs = st.executeQuery("select a.before ->> 'name', a.after ->> 'name'"
                + " from audit_entry a join official o on o.id = a.node_key where a.node_type = 'Official' and o.slug = '" + slug + "'"
                + " and a.action = 'importDialogue'")) {
            assertTrue(rs.next(), "the import audited its change");
            assertEquals("Edited meanwhile", rs.getString(1), "it compared the committed edit");
            assertEquals(name, rs.getString(2), "and recorded that it set the document's name");
        }
    }

    /** A value the checks above miss and PostgreSQL refuses (class 22, here raised by a trigger) is still the document's fault. */
    @Test
    void aValueTheDatabaseCannotStoreIsBadInputWithItsPointer() throws Exception {
        ObjectNode document = export(SEED);
        try (var refusing = DB.failDialogueUpdatesTo("Nowhere", "22003")) {
            var response = importAs(Tokens.forRole("editor"), changed(document, d -> ((ObjectNode) d.get("dialogue")).put("place", "Nowhere")));
            assertEquals("BAD_USER_INPUT", response.getString("errors[0].extensions.code"), response.prettify());
            assertEquals("Argument 'input.document' at /dialogue: holds a value the database cannot store (SQLSTATE 22003).",
                    response.getString("errors[0].message"));
        }
    }

    private static long waitingOnRows(Connection holder) throws SQLException {
        try (var s = holder.createStatement(); var rs = s.executeQuery("select count(*) from pg_stat_activity"
                + " where wait_event_type = 'Lock' and datname = current_database()")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void onlyEditorsImport() throws Exception {
        ObjectNode document = export(SEED);
        var anonymous = importAs(null, document);
        assertEquals("UNAUTHENTICATED", anonymous.getString("errors[0].extensions.code"), anonymous.prettify());
        refused("UNAUTHENTICATED", null, document, null);
        refused("FORBIDDEN", Tokens.forRole("reader"), changed(document, d -> ((ObjectNode) d.at("/dialogue")).put("place", "Delhi")), null);
        assertEquals(0, imported(document).getInt("data.importDialogue.created"));
    }

    @Test
    void aNewStatementTakesItsPlaceInTheTextAndOfficesFollowTheDocument() throws Exception {
        ObjectNode document = export(SEED);
        String content = document.at("/documents/0/content").asText();
        String heading = "Key Takeaways From India-US 2+2 Ministerial Dialogue";
        int start = content.indexOf("\n" + heading) + 1;
        ObjectNode changed = changed(document, d -> {
            // Listed last: the importer orders statements by their place in the text, not by their place in the list.
            ObjectNode added = ((ArrayNode) d.get("statements")).addObject();
            added.put("document", d.at("/documents/0/slug").asText()).put("start", start).put("end", start + heading.length())
                    .put("text", heading).put("kind", "SUMMARY");
            added.putArray("speakers");
            added.putArray("nations").add("IN").add("US");
            added.putArray("topics");
            added.putArray("subjects");
            for (JsonNode o : d.get("officials")) {
                if (o.get("slug").asText().equals("s-jaishankar")) {
                    ((ArrayNode) o.get("offices")).addObject().put("title", "Foreign Secretary").put("startDate", "2015-01-29")
                            .put("endDate", "2018-01-28");
                }
            }
        });
        var before = DB.rowCounts();
        var response = imported(changed);
        assertEquals(1, response.getInt("data.importDialogue.created"), response.prettify());
        assertEquals(1, response.getInt("data.importDialogue.updated"), response.prettify());
        var after = DB.rowCounts();
        assertEquals(before.get("statement") + 1, after.get("statement"));
        assertEquals(before.get("statement_nation") + 2, after.get("statement_nation"));
        assertEquals(before.get("office") + 1, after.get("office"));
        try (var c = DB.connect(); var st = c.createStatement()) {
            var rs = st.executeQuery("select count(*) filter (where ordinal <> n), max(ordinal) filter (where span_start = " + start + ")"
                    + " from (select ordinal, span_start, row_number() over (order by span_start, span_end) as n from statement) s");
            rs.next();
            assertEquals(0, rs.getInt(1), "ordinals follow the text after an insertion in the middle");
            assertEquals(5, rs.getInt(2), "the heading follows the four lead paragraphs");
        }
        ObjectNode exported = export(SEED);
        assertEquals(heading, exported.at("/statements/4/text").asText());
        assertEquals(24, exported.get("statements").size());
        for (JsonNode o : exported.get("officials")) {
            if (o.get("slug").asText().equals("s-jaishankar")) {
                assertEquals("Foreign Secretary", o.at("/offices/0/title").asText(), "offices sort by start date");
                assertEquals(2, o.get("offices").size());
            }
        }
        var again = imported(exported);
        assertEquals(0, again.getInt("data.importDialogue.created") + again.getInt("data.importDialogue.updated"), again.prettify());
    }

    @Test
    void exportingAnUnknownDialogueIsNotFound() {
        var response = GraphQL.file("export-dialogue", "id", Ids.base64("Dialogue:99999"));
        assertEquals("NOT_FOUND", response.getString("errors[0].extensions.code"), response.prettify());
        var wrongType = GraphQL.file("export-dialogue", "id", Ids.base64("Statement:1"));
        assertEquals("BAD_USER_INPUT", wrongType.getString("errors[0].extensions.code"), wrongType.prettify());
    }

    static final String SIXTH = "sixth-india-us-2-2-ministerial-dialogue";

    /** The seed's next edition: its reference rows and documents, none of its statements or commitments. */
    static ObjectNode sixthDialogue(ObjectNode seed) {
        return changed(seed, d -> {
            ((ObjectNode) d.get("dialogue")).put("slug", SIXTH).put("title", "Sixth India-US 2+2 Ministerial Dialogue")
                    .put("edition", 6).put("heldOn", "2024-11-20");
            ((ArrayNode) d.get("statements")).removeAll();
            ((ArrayNode) d.get("commitments")).removeAll();
        });
    }

    @Test
    void aSecondDialogueSharesReferenceRowsButNotStatementsOrCommitments() throws Exception {
        ObjectNode seed = export(SEED);
        ObjectNode next = sixthDialogue(seed);
        // A commitment or a statement belongs to one dialogue: the second one cannot take them over.
        refused("BAD_USER_INPUT", Tokens.forRole("editor"), changed(next, d -> ((ArrayNode) d.get("commitments"))
                .add(commitment(seed, "counter-terrorism-cooperation").deepCopy().put("title", "Taken over"))
                .forEach(m -> ((ArrayNode) m.get("history")).removeAll())), "/commitments/0/slug");
        refused("BAD_USER_INPUT", Tokens.forRole("editor"), changed(next, d -> ((ArrayNode) d.get("statements"))
                .add(seed.at("/statements/13").deepCopy())), "/statements/0");

        long audits = auditCount();
        var response = imported(next);
        assertEquals(1, response.getInt("data.importDialogue.created"), "only the dialogue is new: " + response.prettify());
        assertEquals(0, response.getInt("data.importDialogue.updated"), response.prettify());
        assertEquals("Sixth India-US 2+2 Ministerial Dialogue", response.getString("data.importDialogue.dialogue.title"));
        assertEquals(audits + 1, auditCount());
        try (var c = DB.connect(); var st = c.createStatement()) {
            var rs = st.executeQuery("select a.node_type, a.before, a.after ->> 'slug', a.actor from audit_entry a"
                    + " order by a.id desc limit 1");
            rs.next();
            assertEquals("Dialogue", rs.getString(1));
            assertNull(rs.getString(2), "a created node has no before");
            assertEquals(SIXTH, rs.getString(3));
            assertEquals("editor@tests.communique.example", rs.getString(4));
        }
        ObjectNode exported = export(SIXTH);
        assertEquals(0, exported.get("statements").size());
        assertEquals(5, exported.get("officials").size(), "its participants, shared with the seed dialogue");
    }

    // ---- an import citing a statement of another dialogue, meeting deleteStatement ----

    /** How documents cite the statement of that key: by its document and span. */
    static ObjectNode statementRef(long statement) {
        try (var c = DB.connect(); var ps = c.prepareStatement("select d.slug, s.span_start, s.span_end from statement s"
                + " join source_document d on d.id = s.document_id where s.id = ?")) {
            ps.setLong(1, statement);
            var rs = ps.executeQuery();
            assertTrue(rs.next(), "no statement " + statement);
            return JSON.createObjectNode().put("document", rs.getString(1)).put("start", rs.getInt(2)).put("end", rs.getInt(3));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Keys of seed statements no commitment links and no status entry cites, so that deleteStatement may remove them. */
    static final List<Long> UNCITED = List.of(1L, 5L, 6L);

    /** A commitment of the sixth dialogue that cites a statement of the seed's, as a link or as a status's evidence. */
    record Citation(String name, String pointer, Function<Long, ObjectNode> commitment) {
    }

    static ObjectNode commitmentOfTheSixth(String slug) {
        ObjectNode m = JSON.createObjectNode().put("slug", slug).put("title", "Reaffirmed at the sixth")
                .put("description", "A promise of the fifth dialogue, taken up again.")
                .put("kind", "COOPERATION");
        m.putArray("parties").addObject().put("nation", "IN").put("role", "PARTICIPANT");
        m.putArray("topics");
        m.putArray("statements");
        m.putArray("history");
        return m;
    }

    static final List<Citation> CITATIONS = List.of(
            new Citation("a link", "/commitments/0/statements/0/statement", statement -> {
                ObjectNode m = commitmentOfTheSixth("reaffirmed-link");
                ((ArrayNode) m.get("statements")).addObject().put("link", "REAFFIRMED").set("statement", statementRef(statement));
                return m;
            }),
            new Citation("a status's evidence", "/commitments/0/history/0/evidence", statement -> {
                ObjectNode m = commitmentOfTheSixth("reaffirmed-evidence");
                ((ArrayNode) m.get("history")).addObject().put("status", "AGREED").put("asOf", "2024-11-20").put("note", "Held by a test")
                        .<ObjectNode>set("evidence", statementRef(statement)).putNull("corrects").putArray("sources");
                return m;
            }));

    /**
     * The sixth dialogue without the seed's documents: the import locks every statement of a document it lists (as it
     * locks every row it may write), so it is a statement on a document it does not list that a deletion can race.
     */
    static ObjectNode sixthCitingOnly(ObjectNode seed) {
        return changed(sixthDialogue(seed), d -> ((ArrayNode) d.get("documents")).removeAll());
    }

    private static ObjectNode citing(ObjectNode sixth, ObjectNode... commitments) {
        return changed(sixth, d -> List.of(commitments).forEach(((ArrayNode) d.get("commitments"))::add));
    }

    private static JsonPath sent(java.util.concurrent.Callable<JsonPath> request) {
        try {
            return request.call();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Takes the statements' speakers, nations, topics and subjects away (committed), so that deleting one holds no row
     * but the statement's: deleting a link touches its nation or topic (delta sync), and an import that touches the same
     * nation would wait there, before it reads the statement, instead of at the statement.
     */
    private static void unlink(List<Long> statements) throws SQLException {
        try (var c = DB.connect(); var s = c.createStatement()) {
            for (String table : List.of("statement_speaker", "statement_nation", "statement_topic", "statement_subject")) {
                for (long statement : statements) {
                    s.executeUpdate("delete from " + table + " where statement_id = " + statement);
                }
            }
        }
    }

    /** Deletes the statement in the test's own transaction, which holds its row lock until it ends. */
    private static void delete(Connection deletion, long statement) throws SQLException {
        try (var s = deletion.createStatement()) {
            assertEquals(1, s.executeUpdate("delete from statement where id = " + statement));
        }
    }

    /**
     * A statement the document cites but another dialogue holds, deleted while the import runs: the
     * import waits for the deletion, then refuses the citation as it refuses one of a statement never
     * recorded, and writes nothing. It used to read the statement without a lock, see a row whose
     * deletion had not committed, and fail at the foreign key of the link or the status entry.
     */
    @Test
    void anImportCitingAStatementThatADeletionRemovesMeanwhileIsRefusedAtTheCitation() throws Exception {
        ObjectNode sixth = sixthCitingOnly(export(SEED));
        unlink(UNCITED);
        for (int i = 0; i < CITATIONS.size(); i++) {
            Citation citation = CITATIONS.get(i);
            long statement = UNCITED.get(i);
            ObjectNode ref = statementRef(statement);
            String cited = ref.get("document").asText() + "[" + ref.get("start").asInt() + ":" + ref.get("end").asInt() + "]";
            ObjectNode document = citing(sixth, citation.commitment().apply(statement));
            long audits = auditCount();
            Map<String, String> before;
            try (var deletion = HeldLocks.open(DB)) {
                delete(deletion, statement);
                before = DB.contents(deletion);
                var answer = HeldLocks.sendBlockedBy(DB, deletion, () -> sent(() -> importAs(Tokens.forRole("editor"), document)));
                deletion.commit();
                var response = HeldLocks.answer(answer);
                assertEquals("BAD_USER_INPUT", response.getString("errors[0].extensions.code"), citation.name() + ": " + response.prettify());
                assertEquals("Argument 'input.document' at " + citation.pointer() + ": names the statement " + cited
                        + ", which neither the document nor the database holds.", response.getString("errors[0].message"), citation.name());
            }
            assertEquals(before, DB.contents(), citation.name() + ": the refused import wrote nothing");
            assertEquals(audits, auditCount(), citation.name());
        }

        // A deletion that rolls back leaves the statement to the import that waited for it.
        Citation citation = CITATIONS.get(0);
        long statement = UNCITED.get(2);
        try (var deletion = HeldLocks.open(DB)) {
            delete(deletion, statement);
            var answer = HeldLocks.sendBlockedBy(DB, deletion,
                    () -> sent(() -> importAs(Tokens.forRole("editor"), citing(sixth, citation.commitment().apply(statement)))));
            deletion.rollback();
            var response = HeldLocks.answer(answer);
            assertNull(response.get("errors"), response.prettify());
        }
        assertEquals(statementRef(statement), commitment(export(SIXTH), "reaffirmed-link").at("/statements/0/statement"));
    }

    /**
     * An import that cites a statement of another dialogue holds it until it commits: a deletion of
     * it meanwhile waits, then finds the import's link or status entry and refuses as it refuses any
     * cited statement. The test stops the import between resolving the citation and writing it by
     * holding the commitment's party, a nation, FOR UPDATE (the party's foreign key check waits for it,
     * and the import locks no nation before). Without the hold the deletion went ahead, and the import
     * then failed at the foreign key; with it, while deleteStatement still locked the row twice, the
     * deletion deadlocked with the link's insert and answered CONFLICT.
     */
    @Test
    void aDeletionOfAStatementAnImportCitesWaitsForTheImportAndThenRefuses() throws Exception {
        ObjectNode sixth = sixthCitingOnly(export(SEED));
        imported(sixth);
        List<ObjectNode> imported = new java.util.ArrayList<>();
        for (int i = 0; i < CITATIONS.size(); i++) {
            Citation citation = CITATIONS.get(i);
            long statement = UNCITED.get(i);
            imported.add(citation.commitment().apply(statement));
            ObjectNode document = citing(sixth, imported.toArray(ObjectNode[]::new));
            try (var party = HeldLocks.open(DB); var sql = party.createStatement()) {
                sql.execute("select id from nation where code = 'IN' for update");
                var importing = HeldLocks.sendBlockedBy(DB, party, () -> sent(() -> importAs(Tokens.forRole("editor"), document)));
                var deleting = HeldLocks.sendBlockedBy(DB, HeldLocks.waitingFor(DB, party), () -> GraphQL.as(Tokens.forRole("admin"),
                        GraphQL.load("editorial-delete-statement"), "input", Map.of("statementId", Ids.base64("Statement:" + statement))));
                party.commit();
                var imports = HeldLocks.answer(importing);
                assertNull(imports.get("errors"), citation.name() + ": " + imports.prettify());
                var deletes = HeldLocks.answer(deleting);
                assertEquals("BAD_USER_INPUT", deletes.getString("errors[0].extensions.code"), citation.name() + ": " + deletes.prettify());
                assertEquals("Argument 'input.statementId' is referred to by commitments or as the evidence of status entries;"
                        + " unlink it from its commitments first (updateCommitment). Status history is append-only, so a statement"
                        + " that evidences a status stays.", deletes.getString("errors[0].message"), citation.name());
            }
            assertEquals(1, statementsWithId(statement), citation.name() + ": the statement stays");
        }
    }

    private static long statementsWithId(long statement) throws SQLException {
        try (var c = DB.connect(); var s = c.createStatement(); var rs = s.executeQuery("select count(*) from statement where id = " + statement)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void anExportImportedIntoAnEmptyDatabaseExportsIdentically() throws Exception {
        ObjectNode original = export(SEED);
        // Every migrated database holds the seed (V2): truncating the graph's tables empties it (TRUNCATE fires no
        // row triggers, so the append-only tables can be emptied too). The delta-sync feed (node_change) goes with them:
        // an empty database has no history of changes either.
        try (var c = DB.connect(); var s = c.createStatement()) {
            s.execute("truncate nation, topic, subject, official, office, dialogue, source_document, external_source, audit_entry,"
                    + " node_change"
                    + " restart identity cascade");
        }
        assertTrue(DB.rowCounts().values().stream().allMatch(n -> n == 0), DB.rowCounts().toString());
        var response = imported(original);
        assertEquals(0, response.getInt("data.importDialogue.unchanged"), response.prettify());
        assertEquals(text(original), text(export(SEED)), "export, import into an empty database, export: identical");
    }

    /**
     * Two imports of the same new rows at once: the second waits on the import lock until the first
     * commits, then finds the rows there, instead of racing it to insert them. The test holds the
     * lock itself first, so both imports are seen waiting before either runs.
     */
    @Test
    void simultaneousImportsRunOneAfterTheOther() throws Exception {
        ObjectNode document = changed(export(SEED), d -> {
            ((ArrayNode) d.get("topics")).addObject().put("slug", "unmanned-systems").put("name", "Unmanned systems");
            ((ArrayNode) d.at("/statements/3/topics")).add("unmanned-systems");
        });
        String editor = Tokens.forRole("editor");
        ExecutorService clients = Executors.newFixedThreadPool(2);
        try (var holder = DB.connect(); var s = holder.createStatement()) {
            s.execute("select pg_advisory_lock(" + DialogueImporter.LOCK + ")");
            List<Future<JsonPath>> imports = List.of(clients.submit(() -> importAs(editor, document)),
                    clients.submit(() -> importAs(editor, document)));
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() -> importsWaiting(holder) == 2);
            assertTrue(imports.stream().noneMatch(Future::isDone), "both imports wait for the lock");
            assertEquals(0, topics("unmanned-systems"), "and neither has written");

            s.execute("select pg_advisory_unlock(" + DialogueImporter.LOCK + ")");
            List<Integer> created = new java.util.ArrayList<>();
            for (Future<JsonPath> running : imports) {
                JsonPath response = running.get(60, TimeUnit.SECONDS);
                assertNull(response.get("errors"), response.prettify());
                created.add(response.getInt("data.importDialogue.created"));
            }
            java.util.Collections.sort(created);
            assertEquals(List.of(0, 1), created, "the first creates the topic, the second finds it");
            assertEquals(1, topics("unmanned-systems"));
        } finally {
            clients.shutdownNow();
        }
    }

    private static long importsWaiting(Connection holder) throws SQLException {
        try (var s = holder.createStatement(); var rs = s.executeQuery("select count(*) from pg_locks l join pg_database d on d.oid = l.database"
                + " where l.locktype = 'advisory' and not l.granted and d.datname = current_database()")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static long topics(String slug) throws SQLException {
        try (var c = DB.connect(); var ps = c.prepareStatement("select count(*) from topic where slug = ?")) {
            ps.setString(1, slug);
            var rs = ps.executeQuery();
            rs.next();
            return rs.getLong(1);
        }
    }

    static ObjectNode sortTopics(ObjectNode document) {
        List<JsonNode> topics = new java.util.ArrayList<>();
        document.get("topics").forEach(topics::add);
        topics.sort(java.util.Comparator.comparing(t -> t.get("slug").asText()));
        ArrayNode sorted = document.putArray("topics");
        topics.forEach(sorted::add);
        ArrayNode statementTopics = (ArrayNode) document.at("/statements/3/topics");
        List<String> slugs = new java.util.ArrayList<>();
        statementTopics.forEach(t -> slugs.add(t.asText()));
        java.util.Collections.sort(slugs);
        statementTopics.removeAll();
        slugs.forEach(statementTopics::add);
        // Field order within the document is the format's, so re-insert "topics" where the export has it.
        ObjectNode ordered = JSON.createObjectNode();
        for (String field : List.of("format", "version", "nations", "topics", "subjects", "officials", "dialogue", "documents",
                "statements", "commitments")) {
            ordered.set(field, document.get(field));
        }
        return ordered;
    }

    static <T> List<T> iterable(java.util.Iterator<T> iterator) {
        List<T> list = new java.util.ArrayList<>();
        iterator.forEachRemaining(list::add);
        return list;
    }
}
