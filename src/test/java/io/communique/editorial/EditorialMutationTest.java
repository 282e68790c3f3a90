package io.communique.editorial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.communique.support.Errors;
import io.communique.support.GraphQL;
import io.communique.support.HeldLocks;
import io.communique.support.Ids;
import io.communique.support.Race;
import io.communique.support.Tokens;
import io.communique.support.TrackingDatabase;
import io.communique.support.WritableProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The editorial mutations: who may write, what is checked (each refusal names the argument path and
 * leaves every table as it was), optimistic locking, span integrity, office history and the audit
 * trail. Runs on the database of {@link WritableProfile}, from the seed; every test creates the rows it changes.
 */
@QuarkusTest
@TestProfile(WritableProfile.class)
class EditorialMutationTest {

    static final TrackingDatabase DB = WritableProfile.DB;
    static final String EDITOR = Tokens.forRole("editor");
    static final String ADMIN = Tokens.forRole("admin");
    static final String READER = Tokens.forRole("reader");
    static final String INDIA = Ids.base64("Nation:1");
    static final String US = Ids.base64("Nation:2");
    static final String MODI = Ids.base64("Official:1");
    static final String RAJNATH = Ids.base64("Official:2");
    static final String BLINKEN = Ids.base64("Official:5");
    static final String DIALOGUE = Ids.base64("Dialogue:1");
    static final String DEFENCE = Ids.base64("Topic:1");
    static final String US_INDUSTRY = Ids.base64("Subject:19");

    // ---- helpers ----

    static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    static Map<String, Object> with(Map<String, Object> base, Object... kv) {
        Map<String, Object> m = new HashMap<>(base);
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    static JsonPath send(String token, String file, Map<String, Object> input) {
        return GraphQL.as(token, GraphQL.load(file), "input", input);
    }

    static JsonPath ok(String token, String file, Map<String, Object> input) {
        JsonPath response = send(token, file, input);
        assertNull(response.get("errors"), response.prettify());
        return response;
    }

    /** Sends a write that must be refused with {@code code}; checks that no table changed. Returns the message. */
    static String refused(String code, String token, String file, Map<String, Object> input) throws SQLException {
        var before = DB.contents();
        JsonPath response = send(token, file, input);
        Errors.single(response, code);
        // The mutation's own field is null (the payload is nullable, as GitHub's are), or data when the request never ran.
        Map<String, Object> data = response.getMap("data");
        assertTrue(data == null || data.values().stream().allMatch(java.util.Objects::isNull), response.prettify());
        assertEquals(before, DB.contents(), "a refused write must leave every table unchanged");
        return response.getString("errors[0].message");
    }

    /** Refused as bad input whose message names {@code path}. */
    static void badInput(String path, String token, String file, Map<String, Object> input) throws SQLException {
        String message = refused("BAD_USER_INPUT", token, file, input);
        assertTrue(message.contains("'" + path + "'"), "expected the message to name '" + path + "': " + message);
    }

    static long key(String globalId) {
        String raw = new String(java.util.Base64.getUrlDecoder().decode(globalId));
        return Long.parseLong(raw.substring(raw.indexOf(':') + 1));
    }

    /** Audit rows of one node, oldest first: action, before, after (JSON text). */
    static List<String[]> audit(String nodeType, String globalId) throws SQLException {
        List<String[]> rows = new ArrayList<>();
        try (var c = DB.connect(); var s = c.prepareStatement("select action, before::text, after::text, actor from audit_entry"
                + " where node_type = ? and node_key = ? order by id")) {
            s.setString(1, nodeType);
            s.setLong(2, key(globalId));
            var rs = s.executeQuery();
            while (rs.next()) {
                rows.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)});
            }
        }
        return rows;
    }

    static Map<String, Object> dialogueInput() {
        return map("title", "Sixth India-US 2+2 Ministerial Dialogue " + UUID.randomUUID(), "format", "2+2 Ministerial Dialogue",
                "edition", 6, "heldOn", "2024-09-01", "place", "Washington, D.C.", "nationIds", List.of(INDIA, US),
                "participants", List.of(map("officialId", RAJNATH, "role", "DELEGATION_MEMBER"),
                        map("officialId", BLINKEN, "role", "HOST")));
    }

    static String newDialogue() {
        return ok(EDITOR, "editorial-create-dialogue", dialogueInput()).getString("data.createDialogue.dialogue.id");
    }

    static final String TEXT = "Both sides met in Delhi. The ministers agreed to co-produce engines. Talks will resume in 2025.";

    static String newDocument(String text) {
        return ok(EDITOR, "editorial-create-source-document", map("title", "Readout " + UUID.randomUUID(),
                "publishedOn", "2024-09-02", "text", text)).getString("data.createSourceDocument.sourceDocument.id");
    }

    static JsonPath newStatement(String dialogue, String document, int start, int end) {
        return ok(EDITOR, "editorial-create-statement", map("dialogueId", dialogue, "documentId", document,
                "start", start, "end", end, "kind", "SUMMARY"));
    }

    static Map<String, Object> commitmentInput(String dialogue, String madeBy) {
        return map("dialogueId", dialogue, "title", "Engine co-production", "description", "The two sides will co-produce engines.",
                "kind", "CO_PRODUCTION", "madeById", madeBy,
                "parties", List.of(map("nationId", INDIA, "role", "CO_PRODUCER"), map("nationId", US, "role", "CO_PRODUCER")),
                "topicIds", List.of(DEFENCE));
    }

    static String newCommitment(String dialogue, String madeBy) {
        return ok(EDITOR, "editorial-create-commitment", commitmentInput(dialogue, madeBy)).getString("data.createCommitment.commitment.id");
    }

    /** What a write acts on: a dialogue, a document of {@link #TEXT}, a statement of it at [start, end) and a commitment that statement made. */
    record Arranged(String dialogue, String document, String statement, String commitment) {
    }

    static Arranged newCommitmentAt(int start, int end) {
        String dialogue = newDialogue();
        String document = newDocument(TEXT);
        String statement = newStatement(dialogue, document, start, end).getString("data.createStatement.statement.id");
        return new Arranged(dialogue, document, statement, newCommitment(dialogue, statement));
    }

    // ---- roles ----

    /** The database is shared with the other classes of {@link WritableProfile}: start from the seed. */
    @BeforeAll
    static void startFromTheSeed() throws SQLException {
        WritableProfile.startFromTheSeed();
    }

    @Test
    void everyEditorialWriteNeedsTheEditorRoleAndARefusalWritesNothing() throws SQLException {
        Arranged arranged = newCommitmentAt(0, 24);
        String dialogue = arranged.dialogue();
        String document = arranged.document();
        String statement = arranged.statement();
        Map<String, Map<String, Object>> writes = new LinkedHashMap<>();
        writes.put("editorial-create-dialogue", dialogueInput());
        writes.put("editorial-update-dialogue", map("dialogueId", dialogue, "place", "Delhi"));
        writes.put("editorial-create-official", map("name", "Test Official", "nationId", INDIA));
        writes.put("editorial-update-official", map("officialId", MODI, "name", "Someone else"));
        writes.put("editorial-create-source-document", map("title", "t", "publishedOn", "2024-01-01", "text", "x"));
        writes.put("editorial-update-source-document", map("sourceDocumentId", document, "title", "t"));
        writes.put("editorial-create-statement", map("dialogueId", dialogue, "documentId", document, "start", 25, "end", 40, "kind", "SUMMARY"));
        writes.put("editorial-update-statement", map("statementId", statement, "kind", "JOINT_POSITION"));
        writes.put("editorial-create-commitment", commitmentInput(dialogue, statement));
        writes.put("editorial-update-commitment", map("commitmentId", arranged.commitment(), "title", "Changed"));
        writes.put("editorial-delete-statement", map("statementId", statement));
        for (var write : writes.entrySet()) {
            String message = refused("UNAUTHENTICATED", null, write.getKey(), write.getValue());
            assertTrue(message.contains("Bearer"), message);
            refused("FORBIDDEN", READER, write.getKey(), write.getValue());
        }
        // Deleting is for admins: an editor is refused too.
        refused("FORBIDDEN", EDITOR, "editorial-delete-statement", map("statementId", statement));
        // The role is checked before the ids: a malformed id still gets UNAUTHENTICATED without a token.
        refused("UNAUTHENTICATED", null, "editorial-update-statement", map("statementId", "not-an-id"));
    }

    // ---- dialogues ----

    @Test
    void anEditorCreatesAndUpdatesADialogueAndBothWritesAreAudited() throws SQLException {
        var created = ok(EDITOR, "editorial-create-dialogue", with(dialogueInput(), "clientMutationId", "d-1"));
        assertEquals("d-1", created.getString("data.createDialogue.clientMutationId"));
        String id = created.getString("data.createDialogue.dialogue.id");
        assertEquals(0, created.getInt("data.createDialogue.dialogue.version"));
        assertEquals(6, created.getInt("data.createDialogue.dialogue.edition"));
        assertEquals(List.of("IN", "US"), created.getList("data.createDialogue.dialogue.nations.code").stream().sorted().toList());
        assertEquals(2, created.getList("data.createDialogue.dialogue.participants").size());

        var updated = ok(EDITOR, "editorial-update-dialogue", map("dialogueId", id, "expectedVersion", 0, "place", "New Delhi",
                "nationIds", List.of(INDIA), "participants", List.of(map("officialId", BLINKEN, "role", "DELEGATION_MEMBER"),
                        map("officialId", MODI, "role", "CALLED_ON"))));
        assertEquals("New Delhi", updated.getString("data.updateDialogue.dialogue.place"));
        assertEquals(created.getString("data.createDialogue.dialogue.title"), updated.getString("data.updateDialogue.dialogue.title"),
                "a field left out stays as it is");
        assertEquals(1, updated.getInt("data.updateDialogue.dialogue.version"));
        assertEquals(List.of("IN"), updated.getList("data.updateDialogue.dialogue.nations.code"));
        Map<String, String> roles = new HashMap<>();
        List<Map<String, Object>> participants = updated.getList("data.updateDialogue.dialogue.participants");
        participants.forEach(p -> roles.put((String) ((Map<?, ?>) p.get("official")).get("id"), (String) p.get("role")));
        assertEquals(Map.of(BLINKEN, "DELEGATION_MEMBER", MODI, "CALLED_ON"), roles);

        var trail = audit("Dialogue", id);
        assertEquals(2, trail.size());
        assertEquals("createDialogue", trail.get(0)[0]);
        assertNull(trail.get(0)[1], "a creation has no before");
        assertEquals("updateDialogue", trail.get(1)[0]);
        assertTrue(trail.get(1)[1].contains("Washington"), trail.get(1)[1]);
        assertTrue(trail.get(1)[2].contains("New Delhi"), trail.get(1)[2]);
        assertEquals("editor@tests.communique.example", trail.get(1)[3]);
    }

    @Test
    void badDialogueInputNamesTheArgumentPath() throws SQLException {
        String f = "editorial-create-dialogue";
        badInput("input.title", EDITOR, f, with(dialogueInput(), "title", "  "));
        badInput("input.heldOn", EDITOR, f, with(dialogueInput(), "heldOn", LocalDate.now().plusDays(3).toString()));
        badInput("input.edition", EDITOR, f, with(dialogueInput(), "edition", 0));
        badInput("input.place", EDITOR, f, with(dialogueInput(), "place", "x".repeat(201)));
        badInput("input.nationIds[1]", EDITOR, f, with(dialogueInput(), "nationIds", List.of(INDIA, Ids.base64("Nation:99999"))));
        badInput("input.nationIds[1]", EDITOR, f, with(dialogueInput(), "nationIds", List.of(INDIA, INDIA)));
        badInput("input.nationIds[0]", EDITOR, f, with(dialogueInput(), "nationIds", List.of(MODI)));
        badInput("input.participants[1].officialId", EDITOR, f, with(dialogueInput(), "participants",
                List.of(map("officialId", MODI, "role", "HOST"), map("officialId", MODI, "role", "OBSERVER"))));
        badInput("input.participants[0].officialId", EDITOR, f, with(dialogueInput(), "participants",
                List.of(map("officialId", Ids.base64("Official:99999"), "role", "HOST"))));
        badInput("input.title", EDITOR, f, with(dialogueInput(), "title", "nul\u0000byte"));
        badInput("input.dialogueId", EDITOR, "editorial-update-dialogue", map("dialogueId", Ids.base64("Dialogue:99999"), "place", "x"));
    }

    @Test
    void valuesAreCheckedByTheirConstraintsInCodePointsAndRequiredOnlyOnCreation() throws SQLException {
        String f = "editorial-create-dialogue";
        // 300 handshakes are 600 UTF-16 units but 300 characters, as PostgreSQL counts them: accepted.
        String handshakes = "\uD83E\uDD1D".repeat(300);
        assertEquals(handshakes, ok(EDITOR, f, with(dialogueInput(), "title", handshakes)).getString("data.createDialogue.dialogue.title"));
        String refused = refused("BAD_USER_INPUT", EDITOR, f, with(dialogueInput(), "title", handshakes + "\uD83E\uDD1D"));
        assertEquals("Argument 'input.title' must be 1 to 300 characters, not blank and without NUL or lone surrogates.", refused);
        // Blank is what shows nothing, not only what Java calls white space: a right-to-left override with a
        // lone accent, no-break and zero-width spaces, a Hangul filler. A letter with its accent shows.
        for (String blank : List.of("\u202E\u0301", "\u00A0\u200B\u3000", "\u3164", "\u2800\u2800")) {
            assertEquals("Argument 'input.title' must be 1 to 300 characters, not blank and without NUL or lone surrogates.",
                    refused("BAD_USER_INPUT", EDITOR, f, with(dialogueInput(), "title", blank)));
        }
        badInput("input.name", EDITOR, "editorial-create-official", map("name", "\u200D", "nationId", INDIA));
        // A lone surrogate was stored as '?' by the driver while the payload echoed the value sent.
        assertEquals("Argument 'input.name' must be 1 to 200 characters, not blank and without NUL or lone surrogates.",
                refused("BAD_USER_INPUT", EDITOR, "editorial-create-official", map("name", "Ana \uD800 Lee", "nationId", INDIA)));
        badInput("input.title", EDITOR, f, with(dialogueInput(), "title", "\uDC00 low first"));
        String accented = "e\u0301 \u202Eabc";
        assertEquals(accented, ok(EDITOR, f, with(dialogueInput(), "title", accented)).getString("data.createDialogue.dialogue.title"));
        // Required on creation only (the schema already makes the create input's title non-null): an update that
        // leaves the title out keeps it.
        String dialogue = newDialogue();
        String title = ok(EDITOR, "editorial-update-dialogue", map("dialogueId", dialogue, "place", "Agra"))
                .getString("data.updateDialogue.dialogue.title");
        assertTrue(title.startsWith("Sixth India-US 2+2 Ministerial Dialogue"), title);
        // Several wrong values: the first path in alphabetical order is named, the same every time.
        Map<String, Object> twoWrong = with(with(dialogueInput(), "place", " "), "edition", 0);
        assertEquals(refused("BAD_USER_INPUT", EDITOR, f, twoWrong), refused("BAD_USER_INPUT", EDITOR, f, twoWrong));
        assertTrue(refused("BAD_USER_INPUT", EDITOR, f, twoWrong).startsWith("Argument 'input.edition' "));
        // A nested value is named by its path in the input, under the name the mutation gives it.
        badInput("input.newOffice.startedOn", EDITOR, "editorial-update-official", map("officialId", BLINKEN,
                "newOffice", map("title", "Special Envoy", "startedOn", "1899-12-31")));
    }

    @Test
    void aStaleVersionIsAConflictOnEveryUpdate() throws SQLException {
        String dialogue = newDialogue();
        ok(EDITOR, "editorial-update-dialogue", map("dialogueId", dialogue, "expectedVersion", 0, "place", "Agra"));
        assertTrue(refused("CONFLICT", EDITOR, "editorial-update-dialogue", map("dialogueId", dialogue, "expectedVersion", 0,
                "place", "Pune")).contains("version 1"));

        String official = ok(EDITOR, "editorial-create-official", map("name", "Conflicted", "nationId", US))
                .getString("data.createOfficial.official.id");
        ok(EDITOR, "editorial-update-official", map("officialId", official, "expectedVersion", 0, "name", "A"));
        refused("CONFLICT", EDITOR, "editorial-update-official", map("officialId", official, "expectedVersion", 0, "name", "B"));

        String document = newDocument(TEXT);
        ok(EDITOR, "editorial-update-source-document", map("sourceDocumentId", document, "expectedVersion", 0, "title", "A"));
        refused("CONFLICT", EDITOR, "editorial-update-source-document", map("sourceDocumentId", document, "expectedVersion", 0, "title", "B"));

        String statement = newStatement(dialogue, document, 0, 24).getString("data.createStatement.statement.id");
        ok(EDITOR, "editorial-update-statement", map("statementId", statement, "expectedVersion", 0, "kind", "JOINT_POSITION"));
        refused("CONFLICT", EDITOR, "editorial-update-statement", map("statementId", statement, "expectedVersion", 0, "kind", "SUMMARY"));

        String commitment = newCommitment(dialogue, statement);
        ok(EDITOR, "editorial-update-commitment", map("commitmentId", commitment, "expectedVersion", 0, "title", "A"));
        refused("CONFLICT", EDITOR, "editorial-update-commitment", map("commitmentId", commitment, "expectedVersion", 0, "title", "B"));
        refused("CONFLICT", ADMIN, "editorial-delete-statement", map("statementId", statement, "expectedVersion", 0));
    }

    // ---- officials ----

    @Test
    void aNewOfficeEndsTheCurrentOneWhichStaysInHistory() throws SQLException {
        var created = ok(EDITOR, "editorial-create-official", map("name", "Jane Roe", "otherNames", List.of("J. Roe"),
                "nationId", US, "office", map("title", "Deputy Secretary of State", "startedOn", "2021-04-01"), "clientMutationId", "o-1"));
        String id = created.getString("data.createOfficial.official.id");
        assertEquals("US", created.getString("data.createOfficial.official.nation.code"));
        assertEquals(List.of("J. Roe"), created.getList("data.createOfficial.official.otherNames"));
        assertEquals(1, created.getList("data.createOfficial.official.offices").size());

        var appointed = ok(EDITOR, "editorial-update-official", map("officialId", id, "expectedVersion", 0,
                "newOffice", map("title", "Secretary of State", "startedOn", "2025-01-21")));
        List<Map<String, Object>> offices = appointed.getList("data.updateOfficial.official.offices");
        assertEquals(2, offices.size(), "the old office stays in history");
        assertEquals(map("title", "Deputy Secretary of State", "startDate", "2021-04-01", "endDate", "2025-01-21"), offices.get(0));
        assertEquals("Secretary of State", offices.get(1).get("title"));
        assertNull(offices.get(1).get("endDate"), "the new office is the current one");
        assertEquals(1, appointed.getInt("data.updateOfficial.official.version"));

        badInput("input.newOffice.startedOn", EDITOR, "editorial-update-official", map("officialId", id,
                "newOffice", map("title", "Ambassador", "startedOn", "2024-12-31")));
        badInput("input.newOffice.startedOn", EDITOR, "editorial-update-official", map("officialId", id,
                "newOffice", map("title", "Ambassador", "startedOn", LocalDate.now().plusDays(1).toString())));
        badInput("input.newOffice.title", EDITOR, "editorial-update-official", map("officialId", id,
                "newOffice", map("title", "", "startedOn", "2025-02-01")));

        var trail = audit("Official", id);
        assertEquals(List.of("createOfficial", "updateOfficial"), trail.stream().map(r -> r[0]).toList());
        assertFalse(trail.get(1)[1].contains("2025-01-21"), trail.get(1)[1]);
        assertTrue(trail.get(1)[2].contains("\"endDate\": \"2025-01-21\"") || trail.get(1)[2].contains("\"endDate\":\"2025-01-21\""),
                trail.get(1)[2]);
    }

    @Test
    void badOfficialInputNamesTheArgumentPath() throws SQLException {
        String f = "editorial-create-official";
        badInput("input.name", EDITOR, f, map("name", "", "nationId", INDIA));
        badInput("input.nationId", EDITOR, f, map("name", "X", "nationId", Ids.base64("Nation:99999")));
        badInput("input.nationId", EDITOR, f, map("name", "X", "nationId", DIALOGUE));
        badInput("input.otherNames[1]", EDITOR, f, map("name", "X", "nationId", INDIA, "otherNames", List.of("A", " ")));
        badInput("input.otherNames[2]", EDITOR, f, map("name", "X", "nationId", INDIA, "otherNames", List.of("A", "B", "A")));
        badInput("input.office.startedOn", EDITOR, f, map("name", "X", "nationId", INDIA,
                "office", map("title", "Minister", "startedOn", "1850-01-01")));
        badInput("input.officialId", EDITOR, "editorial-update-official", map("officialId", Ids.base64("Official:99999"), "name", "X"));
    }

    // ---- source documents and span integrity ----

    @Test
    void anExplicitNullRemovesAnOptionalValueWhereLeavingTheFieldOutKeepsIt() throws SQLException {
        String f = "editorial-update-source-document";
        String document = ok(EDITOR, "editorial-create-source-document", map("title", "Readout", "url", "https://example.org/r",
                "publisher", "Ministry", "publishedOn", "2024-09-02", "text", TEXT)).getString("data.createSourceDocument.sourceDocument.id");

        var kept = ok(EDITOR, f, map("sourceDocumentId", document, "title", "Readout, revised"));
        assertEquals("https://example.org/r", kept.getString("data.updateSourceDocument.sourceDocument.url"));
        assertEquals("Ministry", kept.getString("data.updateSourceDocument.sourceDocument.publisher"));

        // A required field set to null stays as it is, as the input's description says; an optional one is removed.
        var cleared = ok(EDITOR, f, map("sourceDocumentId", document, "title", null, "publisher", null));
        assertEquals("Readout, revised", cleared.getString("data.updateSourceDocument.sourceDocument.title"));
        assertNull(cleared.getString("data.updateSourceDocument.sourceDocument.publisher"), cleared.prettify());
        assertEquals("https://example.org/r", cleared.getString("data.updateSourceDocument.sourceDocument.url"));
        assertEquals(2, cleared.getInt("data.updateSourceDocument.sourceDocument.version"));

        var literal = GraphQL.as(EDITOR, GraphQL.load("editorial-clear-source-document-url"), "id", document);
        assertNull(literal.get("errors"), literal.prettify());
        assertNull(literal.getString("data.updateSourceDocument.sourceDocument.url"), literal.prettify());
        assertEquals(3, literal.getInt("data.updateSourceDocument.sourceDocument.version"));

        var trail = audit("SourceDocument", document);
        assertTrue(trail.get(2)[1].contains("Ministry") && !trail.get(2)[2].contains("Ministry"), trail.get(2)[2]);

        String dialogue = newDialogue();
        var edition = ok(EDITOR, "editorial-update-dialogue", map("dialogueId", dialogue, "place", "Agra", "edition", null));
        assertNull(edition.getString("data.updateDialogue.dialogue.edition"), edition.prettify());
        assertEquals("Agra", edition.getString("data.updateDialogue.dialogue.place"));
        var again = ok(EDITOR, "editorial-update-dialogue", map("dialogueId", dialogue, "edition", 7));
        assertEquals(7, again.getInt("data.updateDialogue.dialogue.edition"));
    }

    @Test
    void aDocumentTextChangeThatWouldBreakASpanIsRefused() throws SQLException {
        String dialogue = newDialogue();
        var created = ok(EDITOR, "editorial-create-source-document", map("title", "Readout", "url", "https://example.org/readout",
                "publisher", "Ministry", "publishedOn", "2024-09-02", "text", TEXT));
        String document = created.getString("data.createSourceDocument.sourceDocument.id");
        assertEquals(TEXT.length(), created.getInt("data.createSourceDocument.sourceDocument.length"));
        String statement = newStatement(dialogue, document, 25, 68).getString("data.createStatement.statement.id");

        // Text after the span, and a typo outside it, may change: the statement still stands at its offsets.
        String appended = TEXT.replace("Delhi", "Dehli") + " A joint statement followed.";
        var changed = ok(EDITOR, "editorial-update-source-document", map("sourceDocumentId", document, "text", appended));
        assertEquals(appended, changed.getString("data.updateSourceDocument.sourceDocument.text"));

        // A change inside the span, or one that shifts it, is refused and names the statement.
        String message = refused("BAD_USER_INPUT", EDITOR, "editorial-update-source-document", map("sourceDocumentId", document,
                "text", appended.replace("co-produce", "coproduce")));
        assertTrue(message.contains("'input.text'") && message.contains(statement), message);
        badInput("input.text", EDITOR, "editorial-update-source-document", map("sourceDocumentId", document, "text", "Prefix. " + appended));
        badInput("input.text", EDITOR, "editorial-update-source-document", map("sourceDocumentId", document, "text", "Too short."));

        badInput("input.url", EDITOR, "editorial-create-source-document", map("title", "t", "publishedOn", "2024-01-01", "text", "x",
                "url", "ftp://example.org/x"));
        // NUL and the spaces PostgreSQL's check knows (U+2003, U+3000) passed Java's \S and failed in SQL as INTERNAL;
        // no-break spaces, bidi overrides, lone surrogates and a missing host are no better in a link.
        for (String url : List.of("https://example.org/r\u0000", "https://example.org/a\u2003b", "https://example.org/\u3000",
                "https://example.org/\u2028", "https://example.org/a\u00A0b", "https://example.org/\u202Eabc",
                "https://example.org/\uD800", "https:///path")) {
            assertEquals("Argument 'input.url' must be an http or https URL of at most 2000 characters, without spaces.",
                    refused("BAD_USER_INPUT", EDITOR, "editorial-create-source-document", map("title", "t",
                            "publishedOn", "2024-01-01", "text", "x", "url", url)), url);
        }
        assertEquals("https://example.org/caf\u00E9?q=1#x", ok(EDITOR, "editorial-create-source-document", map("title", "t",
                "publishedOn", "2024-01-01", "text", "x", "url", "https://example.org/caf\u00E9?q=1#x"))
                .getString("data.createSourceDocument.sourceDocument.url"));
        // Schemes are case-insensitive (RFC 3986 3.1): "HTTPS://" was refused as not an https URL. Stored in lower case.
        assertEquals("https://EXAMPLE.ORG", ok(EDITOR, "editorial-create-source-document", map("title", "t",
                "publishedOn", "2024-01-01", "text", "x", "url", "HTTPS://EXAMPLE.ORG"))
                .getString("data.createSourceDocument.sourceDocument.url"));
        badInput("input.publishedOn", EDITOR, "editorial-create-source-document", map("title", "t",
                "publishedOn", LocalDate.now().plusDays(1).toString(), "text", "x"));
        badInput("input.text", EDITOR, "editorial-create-source-document", map("title", "t", "publishedOn", "2024-01-01", "text", " "));
        badInput("input.title", EDITOR, "editorial-create-source-document", map("title", "t".repeat(501), "publishedOn", "2024-01-01", "text", "x"));
        badInput("input.sourceDocumentId", EDITOR, "editorial-update-source-document", map("sourceDocumentId", statement, "title", "x"));

        var trail = audit("SourceDocument", document);
        assertEquals(List.of("createSourceDocument", "updateSourceDocument"), trail.stream().map(r -> r[0]).toList());
        assertTrue(trail.get(1)[1].contains("in Delhi") && trail.get(1)[2].contains("in Dehli"), "the text before and after is kept");
    }

    @Test
    void aStatementsTextIsTheDocumentsTextAtItsSpan() throws SQLException {
        String dialogue = newDialogue();
        // Offsets count code points: the emoji before the span is one character, not two UTF-16 units.
        String text = "\uD83C\uDDEE\uD83C\uDDF3 Both sides welcomed the talks.";
        String document = newDocument(text);
        var created = ok(EDITOR, "editorial-create-statement", map("dialogueId", dialogue, "documentId", document,
                "start", 3, "end", 33, "kind", "JOINT_POSITION", "text", "Both sides welcomed the talks.",
                "speakerIds", List.of(RAJNATH, BLINKEN), "nationIds", List.of(INDIA, US), "topicIds", List.of(DEFENCE),
                "subjectIds", List.of(US_INDUSTRY), "clientMutationId", "s-1"));
        String s = "data.createStatement.statement.";
        assertEquals("s-1", created.getString("data.createStatement.clientMutationId"));
        assertEquals("Both sides welcomed the talks.", created.getString(s + "text"));
        assertEquals(created.getString(s + "text"), created.getString(s + "source.excerpt"));
        assertEquals(document, created.getString(s + "source.document.id"));
        assertEquals(1, created.getInt(s + "source.ordinal"));
        assertEquals(List.of("defence"), created.getList(s + "topics.slug"));
        assertEquals(List.of("us-industry"), created.getList(s + "subjects.slug"));
        assertEquals(2, created.getList(s + "speakers").size());

        String f = "editorial-create-statement";
        Map<String, Object> base = map("dialogueId", dialogue, "documentId", document, "start", 3, "end", 13, "kind", "SUMMARY");
        String mismatch = refused("BAD_USER_INPUT", EDITOR, f, with(base, "text", "Both side"));
        assertTrue(mismatch.contains("'input.text'") && mismatch.contains("Both sides"), mismatch);
        badInput("input.end", EDITOR, f, with(base, "end", 34));
        badInput("input.end", EDITOR, f, with(base, "end", 3));
        badInput("input.start", EDITOR, f, with(base, "start", -1));
        badInput("input.start", EDITOR, f, with(base, "start", 2, "end", 3));
        // Invisible characters, as a copy from a web page brings them, are no more a passage than a space is.
        String invisible = newDocument("Talks.\u200B\u200D\u00A0Resumed.");
        badInput("input.start", EDITOR, f, with(base, "documentId", invisible, "start", 6, "end", 9));
        badInput("input.speakerIds[2]", EDITOR, f, with(base, "speakerIds", List.of(MODI, RAJNATH, Ids.base64("Official:99999"))));
        badInput("input.topicIds[0]", EDITOR, f, with(base, "topicIds", List.of(US_INDUSTRY)));
        badInput("input.subjectIds[0]", EDITOR, f, with(base, "subjectIds", List.of(Ids.base64("Subject:99999"))));
        badInput("input.documentId", EDITOR, f, with(base, "documentId", Ids.base64("SourceDocument:99999")));
        badInput("input.dialogueId", EDITOR, f, with(base, "dialogueId", Ids.base64("Dialogue:99999")));

        // An update to the span takes the text from the document again; a wrong text is refused.
        String id = created.getString(s + "id");
        var moved = ok(EDITOR, "editorial-update-statement", map("statementId", id, "start", 3, "end", 13, "speakerIds", List.of(MODI)));
        assertEquals("Both sides", moved.getString("data.updateStatement.statement.text"));
        assertEquals(List.of(MODI), moved.getList("data.updateStatement.statement.speakers.id"));
        assertEquals(List.of("defence"), moved.getList("data.updateStatement.statement.topics.slug"), "a list left out stays");
        badInput("input.text", EDITOR, "editorial-update-statement", map("statementId", id, "text", "Both"));
        // A passage is one statement: a second on the same span (created, or moved there) was the unique key's INTERNAL.
        String taken = "Argument 'input.start' and 'input.end' are the span of Statement " + id
                + " already: a passage of a document is one statement.";
        assertEquals(taken, refused("BAD_USER_INPUT", EDITOR, f, base));
        String other = ok(EDITOR, f, with(base, "end", 33)).getString(s + "id");
        assertEquals(taken, refused("BAD_USER_INPUT", EDITOR, "editorial-update-statement", map("statementId", other, "end", 13)));
        ok(EDITOR, "editorial-update-statement", map("statementId", other, "start", 3, "end", 33, "kind", "JOINT_POSITION"));
        var trail = audit("Statement", id);
        assertEquals(List.of("createStatement", "updateStatement"), trail.stream().map(r -> r[0]).toList());
        assertTrue(trail.get(1)[1].contains("welcomed the talks") && !trail.get(1)[2].contains("welcomed"), trail.get(1)[2]);
    }

    @Test
    void statementsAreNumberedInDocumentOrder() throws SQLException {
        String dialogue = newDialogue();
        String document = newDocument(TEXT);
        String last = newStatement(dialogue, document, 68, TEXT.length()).getString("data.createStatement.statement.id");
        String first = newStatement(dialogue, document, 0, 24).getString("data.createStatement.statement.id");
        var middle = newStatement(dialogue, document, 25, 68);
        assertEquals(2, middle.getInt("data.createStatement.statement.source.ordinal"));
        var ordinals = GraphQL.query("query($ids: [String!]!) { nodes(ids: $ids) { ... on Statement { source { ordinal } } } }",
                "ids", List.of(first, last));
        assertEquals(List.of(1, 3), ordinals.getList("data.nodes.source.ordinal"));

        // Deleting (admin) closes the gap, and is audited with the statement as it was.
        var deleted = ok(ADMIN, "editorial-delete-statement", map("statementId", first, "expectedVersion", 0, "clientMutationId", "x-1"));
        assertEquals(first, deleted.getString("data.deleteStatement.deletedStatementId"));
        assertEquals("NOT_FOUND", GraphQL.query("query($id: ID!) { node(id: $id) { id } }", "id", first)
                .getString("errors[0].extensions.code"));
        ordinals = GraphQL.query("query($ids: [String!]!) { nodes(ids: $ids) { ... on Statement { source { ordinal } } } }",
                "ids", List.of(middle.getString("data.createStatement.statement.id"), last));
        assertEquals(List.of(1, 2), ordinals.getList("data.nodes.source.ordinal"));
        var trail = audit("Statement", first);
        assertEquals("deleteStatement", trail.get(trail.size() - 1)[0]);
        assertTrue(trail.get(trail.size() - 1)[1].contains("Both sides met"));
        assertNull(trail.get(trail.size() - 1)[2], "a deletion has no after");
        assertEquals("admin@tests.communique.example", trail.get(trail.size() - 1)[3]);
    }

    @Test
    void aStatementMovedToAnotherDocumentTakesItsTextAndPlaceThere() throws SQLException {
        String dialogue = newDialogue();
        String from = newDocument(TEXT);
        String to = newDocument("Intro. " + TEXT);
        String moving = newStatement(dialogue, from, 0, 24).getString("data.createStatement.statement.id");
        String staying = newStatement(dialogue, from, 25, 68).getString("data.createStatement.statement.id");
        String there = newStatement(dialogue, to, 32, 75).getString("data.createStatement.statement.id");
        var moved = ok(EDITOR, "editorial-update-statement", map("statementId", moving, "documentId", to, "start", 7, "end", 31,
                "text", "Both sides met in Delhi."));
        assertEquals(to, moved.getString("data.updateStatement.statement.source.document.id"));
        assertEquals(1, moved.getInt("data.updateStatement.statement.source.ordinal"));
        var ordinals = GraphQL.query("query($ids: [String!]!) { nodes(ids: $ids) { ... on Statement { source { ordinal } } } }",
                "ids", List.of(staying, there));
        assertEquals(List.of(1, 2), ordinals.getList("data.nodes.source.ordinal"), "both documents are numbered again");
    }

    @Test
    void concurrentUpdatesOfOneVersionLeaveOneWinner() throws Exception {
        String dialogue = newDialogue();
        List<JsonPath> responses = Race.of(6, i ->
                send(EDITOR, "editorial-update-dialogue", map("dialogueId", dialogue, "expectedVersion", 0, "place", "Place " + i)));
        assertEquals(1, responses.stream().filter(r -> r.get("errors") == null).count());
        assertEquals(5, responses.stream().filter(r -> "CONFLICT".equals(r.getString("errors[0].extensions.code"))).count());
        assertEquals(2, audit("Dialogue", dialogue).size(), "the creation and the one winning update");
    }

    @Test
    void everyWrittenNodeShowsItsWritesInItsHistory() throws SQLException {
        String dialogue = newDialogue();
        String document = newDocument(TEXT);
        String statement = newStatement(dialogue, document, 0, 24).getString("data.createStatement.statement.id");
        String official = ok(EDITOR, "editorial-create-official", map("name", "Historic", "nationId", INDIA))
                .getString("data.createOfficial.official.id");
        ok(EDITOR, "editorial-update-statement", map("statementId", statement, "kind", "JOINT_POSITION"));
        ok(EDITOR, "editorial-update-official", map("officialId", official, "otherNames", List.of("H.")));
        var history = GraphQL.query("query($ids: [String!]!) { nodes(ids: $ids) {"
                + " ... on Dialogue { history { nodes { action nodeId before after } } }"
                + " ... on SourceDocument { history { nodes { action nodeId before after } } }"
                + " ... on Statement { history { nodes { action nodeId before after } } }"
                + " ... on Official { history { nodes { action nodeId before after } } } } }",
                "ids", List.of(dialogue, document, statement, official));
        assertNull(history.get("errors"), history.prettify());
        assertEquals(List.of(List.of("createDialogue"), List.of("createSourceDocument"), List.of("createStatement", "updateStatement"),
                List.of("createOfficial", "updateOfficial")), history.getList("data.nodes.history.nodes.action"));
        assertEquals(statement, history.getString("data.nodes[2].history.nodes[1].nodeId"));
        assertTrue(history.getString("data.nodes[2].history.nodes[1].before").contains("SUMMARY"));
        assertTrue(history.getString("data.nodes[2].history.nodes[1].after").contains("JOINT_POSITION"));
    }

    @Test
    void writtenNodesAreFoundBySearch() {
        String dialogue = newDialogue();
        String document = newDocument("The ministers discussed quokkanomics at length.");
        String statement = newStatement(dialogue, document, 0, 47).getString("data.createStatement.statement.id");
        String official = ok(EDITOR, "editorial-create-official", map("name", "Zebulon Quixwort", "nationId", INDIA))
                .getString("data.createOfficial.official.id");
        var found = GraphQL.file("search", "query", "quokkanomics");
        assertEquals(List.of(statement), found.getList("data.search.edges.node.id"));
        assertEquals(List.of(official), GraphQL.file("search", "query", "Quixwort").getList("data.search.edges.node.id"));
        ok(EDITOR, "editorial-update-official", map("officialId", official, "name", "Zebulon Quaxwort"));
        assertEquals(List.of(official), GraphQL.file("search", "query", "Quaxwort").getList("data.search.edges.node.id"),
                "an update is searchable at once");
    }

    /**
     * Statements and commitments are matched in V21's narrow copies of their vectors, kept by
     * triggers: a write must reach the copy in its own transaction, and a deletion must take it away.
     */
    @Test
    void statementsAndCommitmentsAreSearchedAsWrittenUpdatedAndDeleted() {
        String dialogue = newDialogue();
        String document = newDocument("The ministers discussed quollonomics at length. Wallaby diplomacy resumed.");
        String statement = newStatement(dialogue, document, 0, 47).getString("data.createStatement.statement.id");
        String doomed = newStatement(dialogue, document, 48, 74).getString("data.createStatement.statement.id");
        String commitment = ok(EDITOR, "editorial-create-commitment",
                with(commitmentInput(dialogue, statement), "title", "Wombatry accord"))
                .getString("data.createCommitment.commitment.id");
        assertEquals(List.of(statement), found("quollonomics"));
        assertEquals(List.of(doomed), found("wallaby"));
        assertEquals(List.of(commitment), found("wombatry"));

        ok(EDITOR, "editorial-update-statement", map("statementId", statement, "start", 0, "end", 23));
        assertEquals(List.of(), found("quollonomics"), "the statement's text no longer holds the word");
        ok(EDITOR, "editorial-update-commitment", map("commitmentId", commitment, "title", "Numbatry accord"));
        assertEquals(List.of(commitment), found("numbatry"));
        assertEquals(List.of(), found("wombatry"), "the commitment's old title is no longer found");
        ok(ADMIN, "editorial-delete-statement", map("statementId", doomed));
        assertEquals(List.of(), found("wallaby"));
    }

    /** A source that writes an abbreviation with dots is found by the capitals a reader types (V22). */
    @Test
    void anAbbreviationWrittenWithDotsIsFoundByItsCapitals() {
        String text = "The U.K. observed the quokka talks.";
        String statement = newStatement(newDialogue(), newDocument(text), 0, text.length())
                .getString("data.createStatement.statement.id");
        assertEquals(List.of(statement), found("UK quokka"));
        assertEquals(List.of(statement), found("U.K. quokka"));
        assertEquals(List.of(statement), found("\"UK observed\""), "inside a phrase too");
        assertEquals(List.of(), found("quokka -UK"), "and an exclusion excludes both forms");
    }

    /** Ids of the statements and commitments a search finds. */
    static List<Object> found(String query) {
        JsonPath response = GraphQL.file("search", "query", query, "types", List.of("STATEMENT", "COMMITMENT"));
        assertNull(response.get("errors"), response.prettify());
        return response.getList("data.search.edges.node.id");
    }

    /** Reads (select statements) the write prepared, whatever the number of rows they read. */
    static long readsOf(Runnable write) {
        io.communique.support.SqlStatementCounter.reset();
        write.run();
        return io.communique.support.SqlStatementCounter.statements().stream()
                .filter(sql -> sql.stripLeading().toLowerCase().startsWith("select")).count();
    }

    @Test
    void theIdsOfAWriteAreReadInOneStatementPerListWhateverTheirNumber() {
        String dialogue = newDialogue();
        String document = newDocument(TEXT);
        List<String> officials = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            officials.add(ok(EDITOR, "editorial-create-official", map("name", "Speaker " + i, "nationId", INDIA))
                    .getString("data.createOfficial.official.id"));
        }
        long one = readsOf(() -> ok(EDITOR, "editorial-create-statement", map("dialogueId", dialogue, "documentId", document,
                "start", 0, "end", 24, "kind", "SUMMARY", "speakerIds", officials.subList(0, 1), "nationIds", List.of(INDIA),
                "topicIds", List.of(DEFENCE), "subjectIds", List.of(US_INDUSTRY))));
        long many = readsOf(() -> ok(EDITOR, "editorial-create-statement", map("dialogueId", dialogue, "documentId", document,
                "start", 25, "end", 68, "kind", "SUMMARY", "speakerIds", officials, "nationIds", List.of(INDIA, US),
                "topicIds", List.of(DEFENCE, Ids.base64("Topic:2"), Ids.base64("Topic:3")),
                "subjectIds", List.of(US_INDUSTRY, Ids.base64("Subject:1")))));
        assertTrue(one > 0, "the counter sees the write's reads");
        assertEquals(one, many, "six speakers cost the reads of one");

        String made = newStatement(dialogue, document, 68, TEXT.length()).getString("data.createStatement.statement.id");
        long oneParty = readsOf(() -> ok(EDITOR, "editorial-create-commitment", with(commitmentInput(dialogue, made),
                "parties", List.of(map("nationId", INDIA, "role", "PARTICIPANT")))));
        long threeParties = readsOf(() -> ok(EDITOR, "editorial-create-commitment", with(commitmentInput(dialogue, made),
                "parties", List.of(map("nationId", INDIA, "role", "PARTICIPANT"), map("nationId", US, "role", "PARTICIPANT"),
                        map("organizationId", US_INDUSTRY, "role", "PROVIDER")))));
        // The organisations are read by one more statement of their own, however many there are.
        assertTrue(threeParties <= oneParty + 1, oneParty + " reads for one party, " + threeParties + " for three");
    }

    @Test
    void concurrentStatementWritesToOneDocumentAllSucceedInSpanOrder() throws Exception {
        String dialogue = newDialogue();
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 12; i++) {
            text.append("Sentence number ").append(i < 10 ? "0" + i : i).append(". ");
        }
        String document = newDocument(text.toString());
        // Sentence i spans [20 i, 20 i + 19). The even ones exist; the odd ones are created while the even ones change.
        List<String> existing = new ArrayList<>();
        for (int i = 0; i < 12; i += 2) {
            existing.add(newStatement(dialogue, document, 20 * i, 20 * i + 19).getString("data.createStatement.statement.id"));
        }
        List<JsonPath> responses = Race.of(12, n -> n % 2 == 0
                ? send(EDITOR, "editorial-update-statement", map("statementId", existing.get(n / 2), "kind", "DIRECT_QUOTE"))
                : send(EDITOR, "editorial-create-statement", map("dialogueId", dialogue, "documentId", document,
                        "start", 20 * n, "end", 20 * n + 19, "kind", "SUMMARY")));
        for (JsonPath r : responses) {
            assertNull(r.get("errors"), r.prettify());
        }
        try (var c = DB.connect(); var st = c.createStatement()) {
            var rs = st.executeQuery("select ordinal, span_start from statement where document_id = " + key(document) + " order by ordinal");
            int expected = 1;
            while (rs.next()) {
                assertEquals(expected, rs.getInt(1));
                assertEquals(20 * (expected - 1), rs.getInt(2), "numbered in span order");
                expected++;
            }
            assertEquals(13, expected);
        }
    }

    @Test
    void aStatementACommitmentReliesOnIsNotDeleted() throws SQLException {
        String seedQuote = Ids.base64("Statement:2");
        String message = refused("BAD_USER_INPUT", ADMIN, "editorial-delete-statement", map("statementId", seedQuote));
        assertTrue(message.contains("'input.statementId'"), message);
        badInput("input.statementId", ADMIN, "editorial-delete-statement", map("statementId", Ids.base64("Statement:99999")));
    }

    @Test
    void aWriteRolledBackByADeadlockIsAConflictToRetry() throws SQLException {
        // PostgreSQL breaks a deadlock (or a serialization failure) by rolling one writer back. That writer's request was
        // fine and wrote nothing, so it was wrong to answer INTERNAL. A trigger raises the two SQLSTATEs, so the test
        // does not hang on a real deadlock's timing.
        String dialogue = newDialogue();
        for (String state : List.of("40P01", "40001")) {
            try (var failing = DB.failDialogueUpdatesTo(state, state)) {
                assertEquals("This write met a concurrent write to the same records and was rolled back: nothing was written."
                        + " Read again and retry.", refused("CONFLICT", EDITOR, "editorial-update-dialogue",
                                map("dialogueId", dialogue, "place", state)), state);
            }
        }
        ok(EDITOR, "editorial-update-dialogue", map("dialogueId", dialogue, "expectedVersion", 0, "place", "Agra"));
    }

    // ---- a deletion meeting a write that refers to the statement ----

    static final String REFERRED = "Argument 'input.statementId' is referred to by commitments or as the evidence of status"
            + " entries; unlink it from its commitments first (updateCommitment). Status history is append-only, so a statement"
            + " that evidences a status stays.";

    /** A statement on a document of its own, so that a deletion by the test renumbers no statement another test reads. */
    static String freshStatement(String dialogue) {
        return newStatement(dialogue, newDocument(TEXT), 0, 24).getString("data.createStatement.statement.id");
    }

    static long auditEntries() throws SQLException {
        try (var c = DB.connect(); var s = c.createStatement(); var rs = s.executeQuery("select count(*) from audit_entry")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    record ReferringWrite(String name, String message, Function<String, JsonPath> send) {
    }

    @Test
    void aWriteReferringToAStatementThatADeletionRemovesMeanwhileIsToldItNamesNoStatement() throws Exception {
        // Every one of these checked that the statement exists without a lock, so it read a row whose deletion had not
        // committed yet, and its insert then failed on the foreign key once the deletion committed: INTERNAL.
        Arranged arranged = newCommitmentAt(0, 24);
        String commitment = arranged.commitment();
        String firstEntry = GraphQL.query("query($id: ID!) { commitment(id: $id) { statusHistory { id } } }", "id", commitment)
                .getString("data.commitment.statusHistory[0].id");
        String noStatement = "Argument 'input.evidence.statementId' names no statement.";
        List<ReferringWrite> writes = List.of(
                new ReferringWrite("updateCommitmentStatus", noStatement, s -> send(EDITOR, "update-commitment-status",
                        map("commitmentId", commitment, "status", "AGREED", "asOf", "2024-09-02", "evidence", map("statementId", s)))),
                new ReferringWrite("correctCommitmentStatus", noStatement, s -> send(ADMIN, "correct-commitment-status",
                        map("statusChangeId", firstEntry, "status", "AGREED", "evidence", map("statementId", s)))),
                new ReferringWrite("createCommitment", "Argument 'input.madeById' names no Statement.",
                        s -> send(EDITOR, "editorial-create-commitment", commitmentInput(arranged.dialogue(), s))),
                new ReferringWrite("updateCommitment", "Argument 'input.madeById' names no Statement.",
                        s -> send(EDITOR, "editorial-update-commitment", map("commitmentId", commitment, "madeById", s))),
                new ReferringWrite("updateCommitment", "Argument 'input.reaffirmedByIds[0]' names no Statement.",
                        s -> send(EDITOR, "editorial-update-commitment", map("commitmentId", commitment, "reaffirmedByIds", List.of(s)))));
        for (ReferringWrite write : writes) {
            String statement = freshStatement(arranged.dialogue());
            long audited = auditEntries();
            try (var deletion = HeldLocks.open(DB); var sql = deletion.createStatement()) {
                sql.execute("delete from statement where id = " + key(statement));
                var answer = HeldLocks.sendBlockedBy(DB, deletion, () -> write.send().apply(statement));
                deletion.commit();
                var response = HeldLocks.answer(answer);
                Errors.single(response, "BAD_USER_INPUT");
                assertEquals(write.message(), response.getString("errors[0].message"), write.name());
            }
            assertEquals(audited, auditEntries(), write.name() + " wrote nothing");
        }

        // A deletion that rolls back leaves the statement to the write that waited for it.
        String statement = freshStatement(arranged.dialogue());
        try (var deletion = HeldLocks.open(DB); var sql = deletion.createStatement()) {
            sql.execute("delete from statement where id = " + key(statement));
            var answer = HeldLocks.sendBlockedBy(DB, deletion, () -> writes.get(0).send().apply(statement));
            deletion.rollback();
            var response = HeldLocks.answer(answer);
            assertNull(response.get("errors"), response.prettify());
            assertEquals(statement, response.getString("data.updateCommitmentStatus.statusChange.evidence.id"));
        }
    }

    @Test
    void aDeletionThatMeetsAWriteReferringToTheStatementWaitsForItAndThenRefuses() throws Exception {
        // The deletion counted references without a lock that holds writers off, so it missed one not yet committed
        // and then failed on the foreign key when that write committed: INTERNAL.
        Arranged arranged = newCommitmentAt(0, 24);
        long commitment = key(arranged.commitment());
        String delete = "editorial-delete-statement";
        for (String reference : List.of(
                "insert into commitment_status_entry (commitment_id, status, as_of, note, evidence_statement_id)"
                        + " values (%d, 'AGREED', date '2024-09-02', 'Held by a test', %d)",
                "insert into commitment_statement (commitment_id, statement_id, relation) values (%d, %d, 'REAFFIRMED')")) {
            String statement = freshStatement(arranged.dialogue());
            long audited = auditEntries();
            try (var write = HeldLocks.open(DB); var sql = write.createStatement()) {
                sql.execute(reference.formatted(commitment, key(statement)));
                var answer = HeldLocks.sendBlockedBy(DB, write, () -> send(ADMIN, delete, map("statementId", statement)));
                write.commit();
                var response = HeldLocks.answer(answer);
                Errors.single(response, "BAD_USER_INPUT");
                assertEquals(REFERRED, response.getString("errors[0].message"), reference);
            }
            assertEquals(audited, auditEntries(), "the refused deletion wrote nothing");
            assertEquals(statement, GraphQL.query("query($id: ID!) { node(id: $id) { id } }", "id", statement)
                    .getString("data.node.id"), "the statement stays");
        }

        // A write that rolls back leaves nothing that refers to the statement: the deletion goes ahead.
        String statement = freshStatement(arranged.dialogue());
        try (var write = HeldLocks.open(DB); var sql = write.createStatement()) {
            sql.execute("insert into commitment_statement (commitment_id, statement_id, relation) values (" + commitment + ", "
                    + key(statement) + ", 'REAFFIRMED')");
            var answer = HeldLocks.sendBlockedBy(DB, write, () -> send(ADMIN, delete, map("statementId", statement)));
            write.rollback();
            var response = HeldLocks.answer(answer);
            assertNull(response.get("errors"), response.prettify());
            assertEquals(statement, response.getString("data.deleteStatement.deletedStatementId"));
        }
    }

    @Test
    void aDeletionWaitingForAWriteThatLinksTheStatementLetsItFinishAndThenRefuses() throws Exception {
        // deleteStatement locked the statement FOR NO KEY UPDATE, then FOR UPDATE. Waiting for the second behind a write
        // that held the statement FOR KEY SHARE, it held the first against that write's own update of the row (the link's
        // insert touches the statement's updated_at): a deadlock, which PostgreSQL broke by rolling the deletion back, so
        // it answered CONFLICT. The test stops the write after it holds the statement, where it replaces the commitment's
        // links (their rows are the test's, FOR UPDATE), and sends the deletion then.
        Arranged arranged = newCommitmentAt(0, 24);
        String statement = freshStatement(arranged.dialogue());
        long audited = auditEntries();
        try (var links = HeldLocks.open(DB); var sql = links.createStatement()) {
            sql.execute("select 1 from commitment_statement where commitment_id = " + key(arranged.commitment()) + " for update");
            var linking = HeldLocks.sendBlockedBy(DB, links, () -> send(EDITOR, "editorial-update-commitment",
                    map("commitmentId", arranged.commitment(), "reaffirmedByIds", List.of(statement))));
            var deleting = HeldLocks.sendBlockedBy(DB, HeldLocks.waitingFor(DB, links),
                    () -> send(ADMIN, "editorial-delete-statement", map("statementId", statement)));
            links.commit();
            var linked = HeldLocks.answer(linking);
            assertNull(linked.get("errors"), linked.prettify());
            var response = HeldLocks.answer(deleting);
            Errors.single(response, "BAD_USER_INPUT");
            assertEquals(REFERRED, response.getString("errors[0].message"));
        }
        assertEquals(audited + 1, auditEntries(), "the link's audit entry, none for the refused deletion");
    }

    // ---- commitments ----

    @Test
    void aCommitmentIsMadeByAStatementOfItsDialogueAndStartsItsHistory() throws SQLException {
        String dialogue = newDialogue();
        String document = newDocument(TEXT);
        String made = newStatement(dialogue, document, 25, 68).getString("data.createStatement.statement.id");
        String reaffirmed = newStatement(dialogue, document, 68, TEXT.length()).getString("data.createStatement.statement.id");
        var created = ok(EDITOR, "editorial-create-commitment", with(commitmentInput(dialogue, made), "status", "AGREED",
                "reaffirmedByIds", List.of(reaffirmed), "clientMutationId", "c-1",
                "parties", List.of(map("nationId", INDIA, "role", "RECIPIENT"), map("organizationId", US_INDUSTRY, "role", "PROVIDER"))));
        String c = "data.createCommitment.commitment.";
        String id = created.getString(c + "id");
        assertEquals("c-1", created.getString("data.createCommitment.clientMutationId"));
        assertEquals("AGREED", created.getString(c + "status"));
        assertEquals(0, created.getInt(c + "version"));
        assertEquals(dialogue, created.getString(c + "dialogue.id"));
        assertEquals(List.of(made, reaffirmed).stream().sorted().toList(),
                created.getList(c + "statements.nodes.id").stream().map(Object::toString).sorted().toList());
        assertEquals(1, created.getList(c + "statusHistory").size());
        assertEquals("2024-09-01", created.getString(c + "statusHistory[0].asOf"), "dated the day of the dialogue");
        assertEquals(made, created.getString(c + "statusHistory[0].evidence.id"));
        assertEquals(List.of("IN", "us-industry"), List.of(created.getString(c + "parties.find { it.role == 'RECIPIENT' }.party.code"),
                created.getString(c + "parties.find { it.role == 'PROVIDER' }.party.slug")));

        var updated = ok(EDITOR, "editorial-update-commitment", map("commitmentId", id, "expectedVersion", 0,
                "description", "Revised.", "parties", List.of(map("nationId", INDIA, "role", "BENEFICIARY")),
                "reaffirmedByIds", List.of()));
        String u = "data.updateCommitment.commitment.";
        assertEquals("Revised.", updated.getString(u + "description"));
        assertEquals("Engine co-production", updated.getString(u + "title"));
        assertEquals(1, updated.getInt(u + "version"));
        assertEquals(List.of("BENEFICIARY"), updated.getList(u + "parties.role"));
        assertEquals(List.of(made), updated.getList(u + "statements.nodes.id"));
        assertEquals("AGREED", updated.getString(u + "status"), "the status changes only with updateCommitmentStatus");
        assertEquals(List.of("defence"), updated.getList(u + "topics.slug"));

        var trail = audit("Commitment", id);
        assertEquals(List.of("createCommitment", "updateCommitment"), trail.stream().map(r -> r[0]).toList());
        assertTrue(trail.get(1)[1].contains("PROVIDER") && !trail.get(1)[2].contains("PROVIDER"), trail.get(1)[2]);
        // Commitment.history shows editorial writes as well as status changes.
        var history = GraphQL.query("query($id: ID!) { commitment(id: $id) { history(first: 10) { nodes { action } } } }", "id", id);
        assertEquals(List.of("createCommitment", "updateCommitment"), history.getList("data.commitment.history.nodes.action"));

        // The making statement stays at the commitment's dialogue; a statement it no longer links may move.
        badInput("input.dialogueId", EDITOR, "editorial-update-statement", map("statementId", made, "dialogueId", DIALOGUE));
        ok(EDITOR, "editorial-update-statement", map("statementId", reaffirmed, "dialogueId", DIALOGUE));
    }

    @Test
    void badCommitmentInputNamesTheArgumentPath() throws SQLException {
        String dialogue = newDialogue();
        String document = newDocument(TEXT);
        String made = newStatement(dialogue, document, 25, 68).getString("data.createStatement.statement.id");
        String f = "editorial-create-commitment";
        Map<String, Object> base = commitmentInput(dialogue, made);
        badInput("input.madeById", EDITOR, f, with(base, "madeById", Ids.base64("Statement:2")));
        badInput("input.madeById", EDITOR, f, with(base, "madeById", Ids.base64("Statement:99999")));
        badInput("input.parties", EDITOR, f, with(base, "parties", List.of()));
        badInput("input.parties[1]", EDITOR, f, with(base, "parties", List.of(map("nationId", INDIA, "role", "SUPPLIER"),
                map("nationId", US, "organizationId", US_INDUSTRY, "role", "RECIPIENT"))));
        badInput("input.parties[1]", EDITOR, f, with(base, "parties", List.of(map("nationId", INDIA, "role", "SUPPLIER"),
                map("nationId", INDIA, "role", "RECIPIENT"))));
        badInput("input.parties[0].organizationId", EDITOR, f, with(base, "parties",
                List.of(map("organizationId", Ids.base64("Subject:1"), "role", "SUPPLIER"))));
        badInput("input.reaffirmedByIds[0]", EDITOR, f, with(base, "reaffirmedByIds", List.of(made)));
        badInput("input.reaffirmedByIds[1]", EDITOR, f, with(base, "reaffirmedByIds",
                List.of(Ids.base64("Statement:3"), Ids.base64("Statement:99999"))));
        badInput("input.topicIds[0]", EDITOR, f, with(base, "topicIds", List.of(Ids.base64("Topic:99999"))));
        badInput("input.title", EDITOR, f, with(base, "title", ""));
        badInput("input.description", EDITOR, f, with(base, "description", "d".repeat(5001)));
        badInput("input.commitmentId", EDITOR, "editorial-update-commitment", map("commitmentId", made, "title", "x"));
    }

    @Test
    void twoWritesInOneRequestEachReportTheirOwnOutcome() throws SQLException {
        // With non-null payloads the second write's refusal nulled all of data: the first had committed, and its
        // client could not tell (a retry made it twice).
        var before = DB.rowCounts();
        Map<String, Object> second = with(dialogueInput(), "format", "");
        JsonPath response = GraphQL.as(EDITOR, GraphQL.load("editorial-two-dialogues"), "first", dialogueInput(), "second", second);
        assertEquals(List.of("second"), response.getList("errors[0].path"), response.prettify());
        assertEquals("BAD_USER_INPUT", response.getString("errors[0].extensions.code"));
        assertNull(response.get("data.second"), response.prettify());
        String first = response.getString("data.first.dialogue.id");
        assertNotNull(first, response.prettify());
        assertEquals(before.get("dialogue") + 1, DB.rowCounts().get("dialogue"));
        var read = GraphQL.query("query($id: ID!) { dialogue(id: $id) { title } }", "id", first);
        assertEquals(response.getString("data.first.dialogue.title"), read.getString("data.dialogue.title"));
    }

    @Test
    void anIntThatIsNotAnIntegerIsRefusedNotTruncated() throws SQLException {
        // SmallRye's Int truncated 0.9999 inside an input object to 0: the lock passed and the title changed.
        Arranged arranged = newCommitmentAt(25, 68);
        String commitment = arranged.commitment();
        assertEquals("Variable 'input' has an invalid value at 'input.expectedVersion': Int cannot represent 0.9999: it is not an integer.",
                refused("BAD_USER_INPUT", EDITOR, "editorial-update-commitment",
                        map("commitmentId", commitment, "expectedVersion", 0.9999, "title", "Truncated")));
        assertEquals("Variable 'input' has an invalid value at 'input.expectedVersion': Int cannot represent \"0\": it is not a number.",
                refused("BAD_USER_INPUT", EDITOR, "editorial-update-commitment",
                        map("commitmentId", commitment, "expectedVersion", "0", "title", "From a string")));
        var unchanged = GraphQL.file("commitment-with-history", "id", commitment);
        assertEquals("Engine co-production", unchanged.getString("data.commitment.title"), unchanged.prettify());
        // A span is two Ints: 25.5 would have become 25.
        assertEquals("Variable 'input' has an invalid value at 'input.start': Int cannot represent 25.5: it is not an integer.",
                refused("BAD_USER_INPUT", EDITOR, "editorial-create-statement", map("dialogueId", arranged.dialogue(),
                        "documentId", arranged.document(), "start", 25.5, "end", 68, "kind", "SUMMARY")));
    }

    @Test
    void aRefusalLateInAWriteRollsBackItsEarlierSteps() throws SQLException {
        // The parties are written before the statements are checked: the refusal must undo them too.
        String commitment = newCommitmentAt(25, 68).commitment();
        badInput("input.reaffirmedByIds[0]", EDITOR, "editorial-update-commitment", map("commitmentId", commitment,
                "title", "Should not stick", "parties", List.of(map("nationId", US, "role", "SUPPLIER")),
                "reaffirmedByIds", List.of(Ids.base64("Statement:99999"))));
        var now = GraphQL.query("query($id: ID!) { commitment(id: $id) { title version parties { role } } }", "id", commitment);
        assertEquals("Engine co-production", now.getString("data.commitment.title"));
        assertEquals(0, now.getInt("data.commitment.version"));
        assertEquals(List.of("CO_PRODUCER", "CO_PRODUCER"), now.getList("data.commitment.parties.role"));
    }

    // ---- an update that changes nothing ----
    // It wrote as a change: a new version (a second editor holding the old one got CONFLICT), a new updatedAt, an
    // audit entry of an edit that did nothing, and the node (and, for re-linked statements, the nodes it links)
    // sent again to every syncing client.

    static final String CHANGES = GraphQL.load("changes");

    /** The ids the change feed sends from {@code since} (null: a full sync) to its end, nodes and tombstones, and the token there. */
    record Feed(List<String> ids, String token) {
    }

    static Feed feed(String since) {
        List<String> ids = new ArrayList<>();
        String token = since;
        boolean more = true;
        while (more) {
            var page = GraphQL.query(CHANGES, "since", token, "first", 100);
            assertNull(page.get("errors"), page.prettify());
            ids.addAll(page.getList("data.changes.nodes.id"));
            ids.addAll(page.getList("data.changes.tombstones.id"));
            token = page.getString("data.changes.nextToken");
            more = page.getBoolean("data.changes.hasMore");
        }
        return new Feed(ids, token);
    }

    /** What a reader holds of a versioned node to write it back: its version, and its updatedAt. */
    record Stamp(int version, OffsetDateTime updatedAt) {
    }

    static Stamp stamp(String id) {
        var read = GraphQL.query("query($id: ID!) { node(id: $id) { updatedAt ... on Dialogue { version } ... on Official { version }"
                + " ... on SourceDocument { version } ... on Statement { version } ... on Commitment { version } } }", "id", id);
        assertNull(read.get("errors"), read.prettify());
        return new Stamp(read.getInt("data.node.version"), OffsetDateTime.parse(read.getString("data.node.updatedAt")));
    }

    /**
     * Each of {@code identical} (and the update naming only the node) must succeed with the node as stored and leave
     * its version, updatedAt and audit trail as they were, with nothing in the change feed. A stale version is still
     * CONFLICT, and {@code change} still moves all of them. Returns the response to the last identical update.
     */
    static JsonPath writesNothing(String nodeType, String id, String file, String payload, List<Map<String, Object>> identical,
            Map<String, Object> change) throws SQLException {
        String idField = file.equals("editorial-update-source-document") ? "sourceDocumentId"
                : Character.toLowerCase(nodeType.charAt(0)) + nodeType.substring(1) + "Id";
        Feed synced = feed(null);
        Stamp before = stamp(id);
        int audited = audit(nodeType, id).size();
        List<Map<String, Object>> updates = new ArrayList<>(identical);
        updates.add(map(idField, id));
        JsonPath last = null;
        for (var input : updates) {
            last = ok(EDITOR, file, with(input, idField, id, "expectedVersion", before.version()));
            assertEquals(before.version(), last.getInt(payload + ".version"), "the payload holds the node as stored: " + input);
            assertEquals(before, stamp(id), "an update that changes nothing keeps version and updatedAt: " + input);
        }
        assertEquals(audited, audit(nodeType, id).size(), "no audit entry for an update that changed nothing");
        assertEquals(List.of(), feed(synced.token()).ids(), "nothing to sync after updates that changed nothing");

        ok(EDITOR, file, with(change, idField, id, "expectedVersion", before.version()));
        Stamp after = stamp(id);
        assertEquals(before.version() + 1, after.version(), "a real change is a new version");
        assertTrue(after.updatedAt().isAfter(before.updatedAt()), after + " after " + before);
        assertEquals(audited + 1, audit(nodeType, id).size());
        assertTrue(feed(synced.token()).ids().contains(id), "a real change is synced");
        // The version is checked first: a stale one is refused even when the update would change nothing.
        refused("CONFLICT", EDITOR, file, map(idField, id, "expectedVersion", before.version()));
        return last;
    }

    @Test
    void aDialogueUpdateThatChangesNothingWritesNothing() throws SQLException {
        var input = dialogueInput();
        String id = ok(EDITOR, "editorial-create-dialogue", input).getString("data.createDialogue.dialogue.id");
        // Nations and participants are sets: another order is the same value.
        var same = with(input, "nationIds", List.of(US, INDIA), "participants", List.of(map("officialId", BLINKEN, "role", "HOST"),
                map("officialId", RAJNATH, "role", "DELEGATION_MEMBER")));
        writesNothing("Dialogue", id, "editorial-update-dialogue", "data.updateDialogue.dialogue", List.of(same, map("nationIds",
                List.of(INDIA, US))), map("participants", List.of(map("officialId", BLINKEN, "role", "DELEGATION_MEMBER"),
                        map("officialId", RAJNATH, "role", "DELEGATION_MEMBER"))));
    }

    @Test
    void anOfficialUpdateThatChangesNothingWritesNothing() throws SQLException {
        var input = map("name", "Jane Unchanged", "otherNames", List.of("J. Unchanged", "Jane U."), "nationId", US,
                "office", map("title", "Ambassador", "startedOn", "2022-03-01"));
        String id = ok(EDITOR, "editorial-create-official", input).getString("data.createOfficial.official.id");
        // The office they hold, from the day they hold it, given again: they hold it already.
        var same = map("name", "Jane Unchanged", "otherNames", List.of("J. Unchanged", "Jane U."), "nationId", US,
                "newOffice", map("title", "Ambassador", "startedOn", "2022-03-01"));
        var last = writesNothing("Official", id, "editorial-update-official", "data.updateOfficial.official", List.of(same),
                // Other names are a list in the order given: another order is another value.
                map("otherNames", List.of("Jane U.", "J. Unchanged")));
        assertEquals(List.of(map("title", "Ambassador", "startDate", "2022-03-01", "endDate", null)),
                last.getList("data.updateOfficial.official.offices"), "no second office, and the first one is not ended");
    }

    @Test
    void aSourceDocumentUpdateThatChangesNothingWritesNothing() throws SQLException {
        var input = map("title", "Readout " + UUID.randomUUID(), "url", "https://example.org/unchanged", "publishedOn", "2024-09-02",
                "text", TEXT);
        String id = ok(EDITOR, "editorial-create-source-document", input).getString("data.createSourceDocument.sourceDocument.id");
        // Removing the publisher it does not have changes nothing either.
        writesNothing("SourceDocument", id, "editorial-update-source-document", "data.updateSourceDocument.sourceDocument",
                List.of(with(input, "publisher", null)), map("title", "Readout, revised"));
    }

    @Test
    void aStatementUpdateThatChangesNothingWritesNothing() throws SQLException {
        String dialogue = newDialogue();
        String document = newDocument(TEXT);
        newStatement(dialogue, document, 25, 68);
        var input = map("dialogueId", dialogue, "documentId", document, "start", 0, "end", 24, "kind", "SUMMARY",
                "speakerIds", List.of(MODI, RAJNATH), "nationIds", List.of(INDIA), "topicIds", List.of(DEFENCE),
                "subjectIds", List.of(US_INDUSTRY));
        String id = ok(EDITOR, "editorial-create-statement", input).getString("data.createStatement.statement.id");
        var same = with(input, "text", TEXT.substring(0, 24), "speakerIds", List.of(RAJNATH, MODI));
        writesNothing("Statement", id, "editorial-update-statement", "data.updateStatement.statement", List.of(same),
                map("kind", "JOINT_POSITION"));
    }

    @Test
    void aCommitmentUpdateThatChangesNothingWritesNothing() throws SQLException {
        String dialogue = newDialogue();
        String document = newDocument(TEXT);
        String made = newStatement(dialogue, document, 25, 68).getString("data.createStatement.statement.id");
        String reaffirmed = newStatement(dialogue, document, 68, TEXT.length()).getString("data.createStatement.statement.id");
        var input = with(commitmentInput(dialogue, made), "reaffirmedByIds", List.of(reaffirmed));
        String id = ok(EDITOR, "editorial-create-commitment", input).getString("data.createCommitment.commitment.id");
        input.remove("dialogueId");
        var same = with(input, "parties", List.of(map("nationId", US, "role", "CO_PRODUCER"), map("nationId", INDIA, "role", "CO_PRODUCER")));
        // The statements given again were unlinked and linked again, moving them (and the commitment) in the change feed.
        writesNothing("Commitment", id, "editorial-update-commitment", "data.updateCommitment.commitment",
                List.of(same, map("madeById", made), map("reaffirmedByIds", List.of(reaffirmed))), map("description", "Revised."));
    }
}
