package io.communique.service;

import static io.communique.service.DialogueExporter.rows;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agroal.api.AgroalDataSource;
import io.communique.errors.BadUserInputException;
import io.communique.service.validation.TextValidator;
import io.communique.service.validation.WebUrl;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Loads a dialogue document (README, "Import and export") idempotently and atomically.
 *
 * <p>Rows are found by their natural keys; a row is written only where the document differs from
 * the database, so importing the same document again writes no row and no audit entry. Every check
 * that needs no database runs first; any failure, then or while writing, rolls the whole import
 * back and is reported as BAD_USER_INPUT with a JSON pointer to the offending part.
 *
 * <p>What an import never does: delete a statement or a commitment of the dialogue (the document
 * must list them all), change a source document's text (recorded spans point into it), or rewrite
 * a commitment's status history (append-only: the document's history must begin with the recorded
 * entries, and may only add entries after them).
 */
@ApplicationScoped
public class DialogueImporter {

    public static final String ACTION = "importDialogue";
    static final String ARGUMENT = "input.document";
    /**
     * Serialises imports: two imports of overlapping documents would race between lookup and insert.
     * Each import takes it as a transaction-level advisory lock (public for the test that holds it).
     */
    public static final long LOCK = 0x636f6d6d756e6971L;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final AgroalDataSource dataSource;
    private final SecurityIdentity identity;
    private final DialogueSchema schema;

    public DialogueImporter(AgroalDataSource dataSource, SecurityIdentity identity, DialogueSchema schema) {
        this.dataSource = dataSource;
        this.identity = identity;
        this.schema = schema;
    }

    /** How many rows of one kind the import created, updated, or found as the document has them. */
    public record Count(String kind, int created, int updated, int unchanged) {
    }

    public record Summary(long dialogueKey, String dialogueSlug, List<Count> counts) {
        public int created() {
            return counts.stream().mapToInt(Count::created).sum();
        }

        public int updated() {
            return counts.stream().mapToInt(Count::updated).sum();
        }

        public int unchanged() {
            return counts.stream().mapToInt(Count::unchanged).sum();
        }

        public boolean changedAnything() {
            return created() + updated() > 0;
        }
    }

    /** The GraphQL mutation: the caller needs the editor role. */
    @Transactional
    public Summary importDocument(String json) {
        String actor = Access.require(identity, Access.EDITOR, ACTION);
        return load(actor, json);
    }

    /** The command line: the operator running it is the actor. */
    @Transactional
    public Summary importAs(String actor, String json) {
        return load(actor, json);
    }

    private Summary load(String actor, String json) {
        JsonNode document;
        try {
            // Decimal numbers as written, not rounded to a double: 4.0000000000000001 must not pass as the integer 4.
            document = DialogueExporter.JSON.reader().with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).readTree(json);
        } catch (JsonProcessingException e) {
            throw new BadUserInputException("Argument '" + ARGUMENT + "' is not JSON (line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + ").");
        }
        if (document == null || !document.isObject()) {
            throw new BadUserInputException("Argument '" + ARGUMENT + "' must be a JSON object.");
        }
        schema.check(document, ARGUMENT);
        Doc doc = new Doc(document, json);
        doc.check();
        try (Connection c = dataSource.getConnection()) {
            try (var ps = c.prepareStatement("select pg_advisory_xact_lock(?)")) {
                ps.setLong(1, LOCK);
                ps.execute();
            }
            return new Run(c, doc, actor).apply();
        } catch (SQLException e) {
            // Class 23: the row breaks a rule of the database that the document could not be checked against earlier.
            if (e.getSQLState() != null && e.getSQLState().startsWith("23")) {
                throw new BadUserInputException("Argument '" + ARGUMENT + "' at " + Run.current.get()
                        + ": the row breaks a rule of the database (" + constraint(e) + ").");
            }
            // Class 22: a value the database cannot store. The checks above are meant to catch every one of them; if one
            // slips through, it is still the document's fault, named by the part being written and the SQLSTATE only
            // (the server's message would quote SQL types and values).
            if (e.getSQLState() != null && e.getSQLState().startsWith("22")) {
                throw new BadUserInputException("Argument '" + ARGUMENT + "' at " + Run.current.get()
                        + ": holds a value the database cannot store (SQLSTATE " + e.getSQLState() + ").");
            }
            throw new IllegalStateException("Import failed in the database", e);
        } finally {
            Run.current.remove();
        }
    }

    private static String constraint(SQLException e) {
        if (e instanceof org.postgresql.util.PSQLException p && p.getServerErrorMessage() != null
                && p.getServerErrorMessage().getConstraint() != null) {
            return "constraint " + p.getServerErrorMessage().getConstraint();
        }
        return "SQLSTATE " + e.getSQLState();
    }

    static BadUserInputException bad(String pointer, String message) {
        return new BadUserInputException("Argument '" + ARGUMENT + "' at " + pointer + ": " + message);
    }

    static String ref(JsonNode statementRef) {
        return ref(statementRef.get("document").asText(), statementRef.get("start").asInt(), statementRef.get("end").asInt());
    }

    static String ref(String document, int start, int end) {
        return document + "[" + start + ":" + end + "]";
    }

    // ---------------------------------------------------------------------------------------------
    // The document, indexed and checked without the database.

    static final class Doc {
        /** The members that hold text a person wrote (and, under "otherNames", its items). */
        private static final Set<String> WRITTEN = Set.of("name", "title", "format", "place", "publisher", "description",
                "note", "content", "text");

        /** Members holding a date (RFC 3339 full-date), and the one holding a date and time. */
        private static final Set<String> DATES = Set.of("heldOn", "publishedOn", "startDate", "endDate", "asOf");
        private static final String DATE_TIME = "recordedAt";
        /** PostgreSQL's date goes further, but the API's Date (RFC 3339 full-date) stops at four-digit years. */
        private static final LocalDate FIRST_DAY = LocalDate.of(1, 1, 1);
        private static final LocalDate LAST_DAY = LocalDate.of(9999, 12, 31);
        /** RFC 3339 date-time: seconds and an offset required, T and Z in either case. */
        private static final java.util.regex.Pattern RFC_3339 = java.util.regex.Pattern.compile(
                "[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt][0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{1,9})?([Zz]|[+-][0-9]{2}:[0-9]{2})");
        /** The rule of the editorial mutations' @WebUrl, so that the two cannot drift apart. */
        private static final java.util.regex.Pattern WEB_URL = java.util.regex.Pattern.compile(WebUrl.REGEX);

        final JsonNode root;
        /** The document as sent, to quote a number as it was written rather than as parsed. */
        private final String source;
        final Map<String, Integer> nations = new LinkedHashMap<>();
        final Map<String, Integer> topics = new LinkedHashMap<>();
        final Map<String, Integer> subjects = new LinkedHashMap<>();
        final Map<String, Integer> officials = new LinkedHashMap<>();
        final Map<String, Integer> documents = new LinkedHashMap<>();
        final Map<String, Integer> statements = new LinkedHashMap<>();
        final Map<String, Integer> commitments = new LinkedHashMap<>();

        Doc(JsonNode root, String source) {
            this.root = root;
            this.source = source;
        }

        JsonNode list(String name) {
            return root.get(name);
        }

        void check() {
            values(root, "");
            shows(root, "");
            index("nations", "code", nations);
            index("topics", "slug", topics);
            index("subjects", "slug", subjects);
            index("officials", "slug", officials);
            index("documents", "slug", documents);
            index("commitments", "slug", commitments);
            for (int i = 0; i < list("subjects").size(); i++) {
                JsonNode nation = list("subjects").get(i).get("nation");
                if (!nation.isNull()) {
                    known(nations, nation.asText(), "/subjects/" + i + "/nation", "nation");
                }
            }
            for (int i = 0; i < list("officials").size(); i++) {
                JsonNode o = list("officials").get(i);
                known(nations, o.get("nation").asText(), "/officials/" + i + "/nation", "nation");
                Set<String> offices = new HashSet<>();
                for (int j = 0; j < o.get("offices").size(); j++) {
                    JsonNode f = o.get("offices").get(j);
                    String at = "/officials/" + i + "/offices/" + j;
                    if (!offices.add(f.get("title").asText() + "|" + f.get("startDate").asText())) {
                        throw bad(at, "the same office (title and start date) is listed twice.");
                    }
                    if (!f.get("startDate").isNull() && !f.get("endDate").isNull()
                            && f.get("endDate").asText().compareTo(f.get("startDate").asText()) < 0) {
                        throw bad(at + "/endDate", "ends before it starts.");
                    }
                }
            }
            JsonNode dialogue = root.get("dialogue");
            for (int i = 0; i < dialogue.get("nations").size(); i++) {
                known(nations, dialogue.get("nations").get(i).asText(), "/dialogue/nations/" + i, "nation");
            }
            Set<String> participants = new HashSet<>();
            for (int i = 0; i < dialogue.get("participants").size(); i++) {
                String official = dialogue.get("participants").get(i).get("official").asText();
                known(officials, official, "/dialogue/participants/" + i + "/official", "official");
                if (!participants.add(official)) {
                    throw bad("/dialogue/participants/" + i, "official '" + official + "' takes part twice.");
                }
            }
            for (int i = 0; i < list("statements").size(); i++) {
                checkStatement(i, list("statements").get(i));
            }
            for (int i = 0; i < list("commitments").size(); i++) {
                checkCommitment(i, list("commitments").get(i));
            }
        }

        /**
         * Every text a person wrote must show something, as on the editorial mutations (see
         * TextValidator.visible): the schema can say "at least one character", not "not blank".
         */
        private static void shows(JsonNode node, String at) {
            if (node.isObject()) {
                node.properties().forEach(field -> {
                    String path = at + "/" + field.getKey();
                    if (WRITTEN.contains(field.getKey())) {
                        requireVisible(field.getValue(), path);
                    } else if ("otherNames".equals(field.getKey())) {
                        for (int i = 0; i < field.getValue().size(); i++) {
                            requireVisible(field.getValue().get(i), path + "/" + i);
                        }
                    }
                    shows(field.getValue(), path);
                });
            } else if (node.isArray()) {
                for (int i = 0; i < node.size(); i++) {
                    shows(node.get(i), at + "/" + i);
                }
            }
        }

        /**
         * What PostgreSQL would refuse (as an error, not a rule of the schema) or silently alter, refused here
         * at its pointer instead: numbers that are not 32-bit integers (Jackson's asInt() wraps them), impossible
         * dates, malformed date-times, text that UTF-8 or PostgreSQL's text cannot hold, URLs the editorial
         * mutations would refuse. Every number is replaced by its exact int, so later reads need no checks.
         */
        private void values(JsonNode node, String at) {
            if (node.isObject()) {
                ObjectNode object = (ObjectNode) node;
                List<String> names = new ArrayList<>();
                object.fieldNames().forEachRemaining(names::add);
                for (String name : names) {
                    String path = at + "/" + name;
                    JsonNode value = object.get(name);
                    if (value.isNumber()) {
                        object.put(name, integer(value, path));
                        continue;
                    }
                    if (value.isTextual()) {
                        text(value.textValue(), path);
                        if (DATES.contains(name)) {
                            date(value.textValue(), path);
                        } else if (DATE_TIME.equals(name)) {
                            dateTime(value.textValue(), path);
                        } else if ("url".equals(name) && !WEB_URL.matcher(value.textValue()).matches()) {
                            throw bad(path, WebUrl.MESSAGE + ".");
                        }
                    }
                    values(value, path);
                }
            } else if (node.isArray()) {
                ArrayNode array = (ArrayNode) node;
                for (int i = 0; i < array.size(); i++) {
                    String path = at + "/" + i;
                    JsonNode value = array.get(i);
                    if (value.isNumber()) {
                        array.set(i, NODES.numberNode(integer(value, path)));
                    } else if (value.isTextual()) {
                        text(value.textValue(), path);
                    } else {
                        values(value, path);
                    }
                }
            }
        }

        /** Every number of the format is a count or an offset: a whole number that fits PostgreSQL's integer. */
        private int integer(JsonNode value, String path) {
            BigDecimal exact = value.decimalValue();
            if (exact.signum() >= 0 && exact.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) <= 0) {
                try {
                    return exact.intValueExact();
                } catch (ArithmeticException fraction) {
                    // not a whole number: refused below
                }
            }
            throw bad(path, written(path, value) + " is not a whole number from 0 to " + Integer.MAX_VALUE + ".");
        }

        /** The number at a pointer as the document spells it (1e20, not 1.0E20). */
        private String written(String pointer, JsonNode parsed) {
            try (JsonParser p = DialogueExporter.JSON.getFactory().createParser(source)) {
                for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                    if (t.isNumeric() && pointer.equals(p.getParsingContext().pathAsPointer().toString())) {
                        return p.getText();
                    }
                }
            } catch (java.io.IOException e) {
                // The document parsed once already; fall back to the parsed value.
            }
            return parsed.decimalValue().toString();
        }

        /** Text PostgreSQL can store as it was sent: no NUL, which it refuses, and no lone surrogate, which UTF-8 cannot encode. */
        private static void text(String value, String path) {
            int i = TextValidator.firstUnstorable(value);
            if (i < 0) {
                return;
            }
            char ch = value.charAt(i);
            if (ch == '\u0000') {
                throw bad(path, "contains the character U+0000 (NUL), which text cannot hold.");
            }
            throw bad(path, String.format("contains an unpaired UTF-16 surrogate (U+%04X) at character %d, which is not a"
                    + " character: it would be stored as '?'.", (int) ch, value.codePointCount(0, i)));
        }

        private static void date(String value, String path) {
            try {
                LocalDate date = LocalDate.parse(value, DateTimeFormatter.ISO_LOCAL_DATE);
                if (!date.isBefore(FIRST_DAY) && !date.isAfter(LAST_DAY)) {
                    return;
                }
            } catch (DateTimeException e) {
                // not a day of the calendar: refused below
            }
            throw bad(path, "'" + value + "' is not a calendar date from " + FIRST_DAY + " to " + LAST_DAY + ".");
        }

        private static void dateTime(String value, String path) {
            if (RFC_3339.matcher(value).matches()) {
                try {
                    OffsetDateTime time = OffsetDateTime.parse(value.toUpperCase(java.util.Locale.ROOT), DateTimeFormatter.ISO_OFFSET_DATE_TIME);
                    LocalDate day = time.toLocalDate();
                    // PostgreSQL refuses offsets of 16 hours or more.
                    if (!day.isBefore(FIRST_DAY) && !day.isAfter(LAST_DAY) && Math.abs(time.getOffset().getTotalSeconds()) < 16 * 3600) {
                        return;
                    }
                } catch (DateTimeException e) {
                    // an impossible day or time: refused below
                }
            }
            throw bad(path, "'" + value + "' is not an RFC 3339 date and time with an offset, from year 0001 to 9999,"
                    + " such as '2023-11-10T09:30:00Z'.");
        }

        private static void requireVisible(JsonNode value, String path) {
            if (value.isTextual() && !TextValidator.visible(value.textValue())) {
                throw bad(path, "shows nothing: it is empty, or only spaces or invisible characters.");
            }
        }

        private void checkStatement(int i, JsonNode s) {
            String at = "/statements/" + i;
            String document = s.get("document").asText();
            known(documents, document, at + "/document", "document");
            String content = list("documents").get(documents.get(document)).get("content").asText();
            int start = s.get("start").asInt();
            int end = s.get("end").asInt();
            // Offsets count code points, as PostgreSQL's length() and substr() do.
            int length = content.codePointCount(0, content.length());
            if (start >= end || end > length) {
                throw bad(at, "the span [" + start + ", " + end + ") is not within the document's " + length + " characters.");
            }
            String text = content.substring(content.offsetByCodePoints(0, start), content.offsetByCodePoints(0, end));
            if (!text.equals(s.get("text").asText())) {
                throw bad(at + "/text", "differs from the document's text at [" + start + ", " + end + ").");
            }
            if (statements.put(ref(document, start, end), i) != null) {
                throw bad(at, "another statement has the same document and span.");
            }
            each(s, "speakers", officials, at, "official");
            each(s, "nations", nations, at, "nation");
            each(s, "topics", topics, at, "topic");
            each(s, "subjects", subjects, at, "subject");
        }

        private void checkCommitment(int i, JsonNode m) {
            String at = "/commitments/" + i;
            Set<String> parties = new HashSet<>();
            for (int j = 0; j < m.get("parties").size(); j++) {
                JsonNode p = m.get("parties").get(j);
                String key = p.has("nation") ? "nation " + p.get("nation").asText() : "subject " + p.get("subject").asText();
                if (p.has("nation")) {
                    known(nations, p.get("nation").asText(), at + "/parties/" + j + "/nation", "nation");
                } else {
                    known(subjects, p.get("subject").asText(), at + "/parties/" + j + "/subject", "subject");
                }
                if (!parties.add(key)) {
                    throw bad(at + "/parties/" + j, key + " is a party twice.");
                }
            }
            each(m, "topics", topics, at, "topic");
            Set<String> linked = new HashSet<>();
            for (int j = 0; j < m.get("statements").size(); j++) {
                if (!linked.add(ref(m.get("statements").get(j).get("statement")))) {
                    throw bad(at + "/statements/" + j, "the statement is linked twice.");
                }
            }
            JsonNode history = m.get("history");
            for (int j = 0; j < history.size(); j++) {
                JsonNode corrects = history.get(j).get("corrects");
                if (!corrects.isNull() && corrects.asInt() >= j) {
                    throw bad(at + "/history/" + j + "/corrects", "an entry can only correct an earlier entry of the same history.");
                }
                // As correctCommitmentStatus dates it: a correction stands in its entry's place, so the date of the
                // current status (statusAsOf, the next update's earliest date) is the corrected entry's.
                if (!corrects.isNull()) {
                    String asOf = history.get(j).get("asOf").asText();
                    String correctedAsOf = history.get(corrects.asInt()).get("asOf").asText();
                    if (!asOf.equals(correctedAsOf)) {
                        throw bad(at + "/history/" + j + "/asOf", "is " + asOf + ", but a correction has the date of the entry"
                                + " it corrects (" + correctedAsOf + ").");
                    }
                }
            }
        }

        private void index(String listName, String keyField, Map<String, Integer> index) {
            JsonNode list = list(listName);
            for (int i = 0; i < list.size(); i++) {
                String key = list.get(i).get(keyField).asText();
                if (index.put(key, i) != null) {
                    throw bad("/" + listName + "/" + i + "/" + keyField, "'" + key + "' is listed twice.");
                }
            }
        }

        private static void each(JsonNode owner, String field, Map<String, Integer> index, String at, String what) {
            for (int j = 0; j < owner.get(field).size(); j++) {
                known(index, owner.get(field).get(j).asText(), at + "/" + field + "/" + j, what);
            }
        }

        private static void known(Map<String, Integer> index, String key, String pointer, String what) {
            if (!index.containsKey(key)) {
                throw bad(pointer, "names " + what + " '" + key + "', which the document does not list.");
            }
        }
    }

    // ---------------------------------------------------------------------------------------------
    // One import against the database: compare, then write only the differences.

    static final class Run {
        /** The part of the document being written, for an error the database raises. */
        static final ThreadLocal<String> current = ThreadLocal.withInitial(() -> "/");

        private final Connection c;
        private final Doc doc;
        private final String actor;
        private final Map<String, int[]> counts = new LinkedHashMap<>();
        private final Map<String, Long> nationIds = new HashMap<>();
        private final Map<String, Long> topicIds = new HashMap<>();
        private final Map<String, Long> subjectIds = new HashMap<>();
        private final Map<String, Long> officialIds = new HashMap<>();
        private final Map<String, Long> documentIds = new HashMap<>();
        private final Map<String, Long> statementIds = new HashMap<>();
        private final Set<Long> renumber = new HashSet<>();
        private long dialogueId;

        Run(Connection c, Doc doc, String actor) {
            this.c = c;
            this.doc = doc;
            this.actor = actor;
            for (String kind : List.of("nations", "topics", "subjects", "officials", "dialogues", "documents", "statements",
                    "commitments", "statusEntries")) {
                counts.put(kind, new int[3]);
            }
        }

        Summary apply() throws SQLException {
            lockVersioned();
            nations();
            topics();
            subjects();
            officials();
            dialogue();
            documents();
            statements();
            commitments();
            List<Count> list = counts.entrySet().stream()
                    .map(e -> new Count(e.getKey(), e.getValue()[0], e.getValue()[1], e.getValue()[2])).toList();
            return new Summary(dialogueId, doc.root.get("dialogue").get("slug").asText(), list);
        }

        /**
         * Locks every versioned row the document names before anything is read for comparison, as the
         * editorial mutations lock the node they write: a concurrent edit then either commits before this
         * read (and its values are compared, audited and version-counted) or waits for the import, never
         * lands between the comparison and the write to be overwritten unaudited. The order is the
         * editorial writes' own (a dialogue, document or commitment, then statements, then officials,
         * which their links touch), so the two cannot wait on each other in a cycle.
         */
        private void lockVersioned() throws SQLException {
            String slug = doc.root.get("dialogue").get("slug").asText();
            rows(c, "select id from dialogue where slug = ? for no key update", slug);
            rows(c, "select id from source_document where slug = any(?) order by id for no key update", doc.documents.keySet());
            rowsWith("select id from commitment where slug = any(?) or dialogue_id = (select id from dialogue where slug = ?)"
                    + " order by id for no key update", doc.commitments.keySet(), slug);
            rows(c, "select s.id from statement s join source_document d on d.id = s.document_id where d.slug = any(?)"
                    + " order by s.id for no key update of s", doc.documents.keySet());
            rows(c, "select id from official where slug = any(?) order by id for no key update", doc.officials.keySet());
        }

        /** Records a changed row's version in its audit entry; the caller's update raises it by one, as every editorial write does. */
        private static void bump(Diff diff, String version) {
            int before = Integer.parseInt(version);
            diff.before.put("version", before);
            diff.after.put("version", before + 1);
        }

        private void tally(String kind, Diff diff) {
            counts.get(kind)[diff == null ? 0 : diff.changed() ? 1 : 2]++;
        }

        // -- nations, topics, subjects: shared reference rows, found by code or slug ----------------

        private void nations() throws SQLException {
            JsonNode list = doc.list("nations");
            Map<String, String[]> existing = byKey(rows(c, "select code, id, name, array_to_json(other_names)::text from nation"
                    + " where code = any(?)", doc.nations.keySet()));
            for (int i = 0; i < list.size(); i++) {
                JsonNode n = list.get(i);
                at("/nations/" + i);
                String code = n.get("code").asText();
                String[] row = existing.get(code);
                JsonNode current = row == null ? NODES.arrayNode() : DialogueExporter.json(row[3]);
                // A version 1 document has no otherNames: a new nation gets none, an existing one keeps its own.
                JsonNode otherNames = n.has("otherNames") ? n.get("otherNames") : current;
                if (row == null) {
                    long id = insert("insert into nation (code, name, other_names) values (?, ?, ?::text[]) returning id", code,
                            n.get("name").asText(), textArray(otherNames));
                    nationIds.put(code, id);
                    audit("Nation", id, null, n);
                    tally("nations", null);
                    continue;
                }
                long id = Long.parseLong(row[1]);
                nationIds.put(code, id);
                Diff diff = new Diff().text("name", row[2], n.get("name").asText()).node("otherNames", current, otherNames);
                if (diff.changed()) {
                    exec("update nation set name = ?, other_names = ?::text[] where id = ?", n.get("name").asText(),
                            textArray(otherNames), id);
                    audit("Nation", id, diff.before, diff.after);
                }
                tally("nations", diff);
            }
        }

        private void topics() throws SQLException {
            JsonNode list = doc.list("topics");
            Map<String, String[]> existing = byKey(rows(c, "select slug, id, name from topic where slug = any(?)", doc.topics.keySet()));
            for (int i = 0; i < list.size(); i++) {
                JsonNode t = list.get(i);
                at("/topics/" + i);
                String slug = t.get("slug").asText();
                String[] row = existing.get(slug);
                if (row == null) {
                    long id = insert("insert into topic (slug, name) values (?, ?) returning id", slug, t.get("name").asText());
                    topicIds.put(slug, id);
                    audit("Topic", id, null, t);
                    tally("topics", null);
                    continue;
                }
                long id = Long.parseLong(row[1]);
                topicIds.put(slug, id);
                Diff diff = new Diff().text("name", row[2], t.get("name").asText());
                if (diff.changed()) {
                    exec("update topic set name = ? where id = ?", t.get("name").asText(), id);
                    audit("Topic", id, diff.before, diff.after);
                }
                tally("topics", diff);
            }
        }

        private void subjects() throws SQLException {
            JsonNode list = doc.list("subjects");
            Map<String, String[]> existing = byKey(rows(c, "select t.slug, t.id, t.name, t.kind, n.code from subject t"
                    + " left join nation n on n.id = t.nation_id where t.slug = any(?)", doc.subjects.keySet()));
            for (int i = 0; i < list.size(); i++) {
                JsonNode s = list.get(i);
                at("/subjects/" + i);
                String slug = s.get("slug").asText();
                Long nation = s.get("nation").isNull() ? null : nationIds.get(s.get("nation").asText());
                String[] row = existing.get(slug);
                if (row == null) {
                    long id = insert("insert into subject (slug, name, kind, nation_id) values (?, ?, ?, ?) returning id",
                            slug, s.get("name").asText(), s.get("kind").asText(), nation);
                    subjectIds.put(slug, id);
                    audit("Subject", id, null, s);
                    tally("subjects", null);
                    continue;
                }
                long id = Long.parseLong(row[1]);
                subjectIds.put(slug, id);
                Diff diff = new Diff().text("name", row[2], s.get("name").asText()).text("kind", row[3], s.get("kind").asText())
                        .text("nation", row[4], text(s.get("nation")));
                if (diff.changed()) {
                    exec("update subject set name = ?, kind = ?, nation_id = ? where id = ?", s.get("name").asText(),
                            s.get("kind").asText(), nation, id);
                    audit("Subject", id, diff.before, diff.after);
                }
                tally("subjects", diff);
            }
        }

        // -- officials and their offices ---------------------------------------------------------

        private void officials() throws SQLException {
            JsonNode list = doc.list("officials");
            Map<String, String[]> existing = byKey(rows(c, "select o.slug, o.id, o.name, n.code, array_to_json(o.other_names)::text,"
                    + " o.version from official o join nation n on n.id = o.nation_id where o.slug = any(?)", doc.officials.keySet()));
            Map<String, TreeSet<String>> offices = new HashMap<>();
            for (var row : rows(c, "select o.slug, f.title, f.start_date, f.end_date from office f join official o on o.id = f.official_id"
                    + " where o.slug = any(?)", doc.officials.keySet())) {
                offices.computeIfAbsent(row[0], k -> new TreeSet<>()).add(office(row[1], row[2], row[3]));
            }
            for (int i = 0; i < list.size(); i++) {
                JsonNode o = list.get(i);
                at("/officials/" + i);
                String slug = o.get("slug").asText();
                long nation = nationIds.get(o.get("nation").asText());
                TreeSet<String> wantedOffices = new TreeSet<>();
                o.get("offices").forEach(f -> wantedOffices.add(office(f.get("title").asText(), text(f.get("startDate")), text(f.get("endDate")))));
                String[] row = existing.get(slug);
                long id;
                Diff diff = null;
                if (row == null) {
                    id = insert("insert into official (slug, name, nation_id, other_names) values (?, ?, ?, ?::text[]) returning id",
                            slug, o.get("name").asText(), nation, textArray(o.get("otherNames")));
                    audit("Official", id, null, o);
                } else {
                    id = Long.parseLong(row[1]);
                    diff = new Diff().text("name", row[2], o.get("name").asText()).text("nation", row[3], o.get("nation").asText())
                            .node("otherNames", DialogueExporter.json(row[4]), o.get("otherNames"));
                    TreeSet<String> current = offices.getOrDefault(slug, new TreeSet<>());
                    if (diff.set("offices", current, wantedOffices)) {
                        exec("delete from office where official_id = ?", id);
                    }
                    // Offices are part of the official, as updateOfficial's newOffice is: a change to them bumps it too.
                    if (diff.changed()) {
                        bump(diff, row[5]);
                        exec("update official set name = ?, nation_id = ?, other_names = ?::text[], version = version + 1 where id = ?",
                                o.get("name").asText(), nation, textArray(o.get("otherNames")), id);
                    }
                }
                officialIds.put(slug, id);
                if (row == null || !offices.getOrDefault(slug, new TreeSet<>()).equals(wantedOffices)) {
                    for (JsonNode f : o.get("offices")) {
                        exec("insert into office (official_id, title, start_date, end_date) values (?, ?, ?::date, ?::date)",
                                id, f.get("title").asText(), text(f.get("startDate")), text(f.get("endDate")));
                    }
                }
                if (diff != null && diff.changed()) {
                    audit("Official", id, diff.before, diff.after);
                }
                tally("officials", diff);
            }
        }

        private static String office(String title, String start, String end) {
            return (start == null ? "" : start) + "|" + title + "|" + (end == null ? "" : end);
        }

        // -- the dialogue, its nations and participants ---------------------------------------------

        private void dialogue() throws SQLException {
            JsonNode d = doc.root.get("dialogue");
            at("/dialogue");
            String slug = d.get("slug").asText();
            TreeSet<String> nations = strings(d.get("nations"));
            TreeSet<String> participants = new TreeSet<>();
            d.get("participants").forEach(p -> participants.add(p.get("official").asText() + ":" + p.get("role").asText()));
            List<String[]> found = rows(c, "select id, title, format, edition, held_on, place, version from dialogue where slug = ?", slug);
            Diff diff = null;
            if (found.isEmpty()) {
                dialogueId = insert("insert into dialogue (slug, title, format, edition, held_on, place) values (?, ?, ?, ?, ?::date, ?)"
                        + " returning id", slug, d.get("title").asText(), d.get("format").asText(), integer(d.get("edition")),
                        d.get("heldOn").asText(), d.get("place").asText());
                audit("Dialogue", dialogueId, null, d);
            } else {
                String[] row = found.get(0);
                dialogueId = Long.parseLong(row[0]);
                diff = new Diff().text("title", row[1], d.get("title").asText()).text("format", row[2], d.get("format").asText())
                        .text("edition", row[3], text(d.get("edition"))).text("heldOn", row[4], d.get("heldOn").asText())
                        .text("place", row[5], d.get("place").asText());
            }
            TreeSet<String> currentNations = found.isEmpty() ? new TreeSet<>() : new TreeSet<>(rows(c,
                    "select n.code from dialogue_nation x join nation n on n.id = x.nation_id where x.dialogue_id = ?", dialogueId)
                    .stream().map(r -> r[0]).toList());
            if (found.isEmpty() || diff.set("nations", currentNations, nations)) {
                exec("delete from dialogue_nation where dialogue_id = ?", dialogueId);
                for (String code : nations) {
                    exec("insert into dialogue_nation (dialogue_id, nation_id) values (?, ?)", dialogueId, nationIds.get(code));
                }
            }
            TreeSet<String> currentParticipants = found.isEmpty() ? new TreeSet<>() : new TreeSet<>(rows(c,
                    "select o.slug || ':' || x.role from dialogue_participant x join official o on o.id = x.official_id"
                            + " where x.dialogue_id = ?", dialogueId).stream().map(r -> r[0]).toList());
            if (found.isEmpty() || diff.set("participants", currentParticipants, participants)) {
                exec("delete from dialogue_participant where dialogue_id = ?", dialogueId);
                for (JsonNode p : d.get("participants")) {
                    exec("insert into dialogue_participant (dialogue_id, official_id, role) values (?, ?, ?)", dialogueId,
                            officialIds.get(p.get("official").asText()), p.get("role").asText());
                }
            }
            // Nations and participants are part of the dialogue (updateDialogue bumps it for them too), so the bump waits for them.
            if (diff != null && diff.changed()) {
                bump(diff, found.get(0)[6]);
                exec("update dialogue set title = ?, format = ?, edition = ?, held_on = ?::date, place = ?, version = version + 1"
                        + " where id = ?", d.get("title").asText(), d.get("format").asText(), integer(d.get("edition")),
                        d.get("heldOn").asText(), d.get("place").asText(), dialogueId);
                audit("Dialogue", dialogueId, diff.before, diff.after);
            }
            tally("dialogues", diff);
        }

        // -- source documents: their text never changes once imported ---------------------------

        private void documents() throws SQLException {
            JsonNode list = doc.list("documents");
            Map<String, String[]> existing = byKey(rows(c, "select slug, id, title, publisher, url, published_on, content, version"
                    + " from source_document where slug = any(?)", doc.documents.keySet()));
            for (int i = 0; i < list.size(); i++) {
                JsonNode d = list.get(i);
                at("/documents/" + i);
                String slug = d.get("slug").asText();
                String[] row = existing.get(slug);
                if (row == null) {
                    long id = insert("insert into source_document (slug, title, publisher, url, published_on, content)"
                            + " values (?, ?, ?, ?, ?::date, ?) returning id", slug, d.get("title").asText(), text(d.get("publisher")),
                            text(d.get("url")), d.get("publishedOn").asText(), d.get("content").asText());
                    documentIds.put(slug, id);
                    ObjectNode shown = d.deepCopy();
                    shown.remove("content");
                    audit("SourceDocument", id, null, shown);
                    tally("documents", null);
                    continue;
                }
                long id = Long.parseLong(row[1]);
                documentIds.put(slug, id);
                if (!row[6].equals(d.get("content").asText())) {
                    throw bad("/documents/" + i + "/content", "differs from the text recorded for document '" + slug
                            + "'; statement spans point into it, so a document's text never changes once imported.");
                }
                Diff diff = new Diff().text("title", row[2], d.get("title").asText()).text("publisher", row[3], text(d.get("publisher")))
                        .text("url", row[4], text(d.get("url"))).text("publishedOn", row[5], d.get("publishedOn").asText());
                if (diff.changed()) {
                    bump(diff, row[7]);
                    exec("update source_document set title = ?, publisher = ?, url = ?, published_on = ?::date, version = version + 1"
                            + " where id = ?",
                            d.get("title").asText(), text(d.get("publisher")), text(d.get("url")), d.get("publishedOn").asText(), id);
                    audit("SourceDocument", id, diff.before, diff.after);
                }
                tally("documents", diff);
            }
        }

        // -- statements, found by document and span ---------------------------------------------

        private void statements() throws SQLException {
            JsonNode list = doc.list("statements");
            Map<String, String[]> existing = new HashMap<>();
            for (var row : rows(c, "select d.slug, s.span_start, s.span_end, s.id, s.dialogue_id, s.kind, s.version from statement s"
                    + " join source_document d on d.id = s.document_id where d.slug = any(?)", doc.documents.keySet())) {
                existing.put(ref(row[0], Integer.parseInt(row[1]), Integer.parseInt(row[2])), row);
            }
            // Every statement recorded for this dialogue must be in the document: an import never deletes one.
            for (var row : rows(c, "select d.slug, s.span_start, s.span_end from statement s join source_document d on d.id = s.document_id"
                    + " where s.dialogue_id = ? order by d.slug, s.span_start", dialogueId)) {
                String key = ref(row[0], Integer.parseInt(row[1]), Integer.parseInt(row[2]));
                if (!doc.statements.containsKey(key)) {
                    throw bad("/statements", "the statement " + key + " is recorded for this dialogue but missing from the document;"
                            + " an import never deletes statements.");
                }
            }
            Map<String, Map<String, TreeSet<String>>> links = new HashMap<>();
            String of = " join statement s on s.id = x.statement_id join source_document d on d.id = s.document_id where d.slug = any(?)";
            String key = "d.slug || '[' || s.span_start || ':' || s.span_end || ']'";
            linkRows(links, "speakers", "select " + key + ", o.slug from statement_speaker x join official o on o.id = x.official_id" + of);
            linkRows(links, "nations", "select " + key + ", n.code from statement_nation x join nation n on n.id = x.nation_id" + of);
            linkRows(links, "topics", "select " + key + ", t.slug from statement_topic x join topic t on t.id = x.topic_id" + of);
            linkRows(links, "subjects", "select " + key + ", t.slug from statement_subject x join subject t on t.id = x.subject_id" + of);
            Map<Long, Integer> nextOrdinal = new HashMap<>();
            for (var row : rows(c, "select document_id, max(ordinal) from statement where document_id in"
                    + " (select id from source_document where slug = any(?)) group by document_id", doc.documents.keySet())) {
                nextOrdinal.put(Long.parseLong(row[0]), Integer.parseInt(row[1]) + 1);
            }
            for (int i = 0; i < list.size(); i++) {
                JsonNode s = list.get(i);
                at("/statements/" + i);
                String ref = ref(s);
                long document = documentIds.get(s.get("document").asText());
                String[] row = existing.get(ref);
                long id;
                Diff diff = null;
                if (row == null) {
                    int ordinal = nextOrdinal.getOrDefault(document, 1);
                    nextOrdinal.put(document, ordinal + 1);
                    id = insert("insert into statement (dialogue_id, document_id, ordinal, span_start, span_end, text, kind)"
                            + " values (?, ?, ?, ?, ?, ?, ?) returning id", dialogueId, document, ordinal, s.get("start").asInt(),
                            s.get("end").asInt(), s.get("text").asText(), s.get("kind").asText());
                    renumber.add(document);
                    audit("Statement", id, null, s);
                } else {
                    id = Long.parseLong(row[3]);
                    if (Long.parseLong(row[4]) != dialogueId) {
                        throw bad("/statements/" + i, "the statement " + ref + " is recorded for another dialogue.");
                    }
                    diff = new Diff().text("kind", row[5], s.get("kind").asText());
                }
                statementIds.put(ref, id);
                Map<String, TreeSet<String>> current = links.getOrDefault(ref, Map.of());
                syncLinks(diff, id, "speakers", current, strings(s.get("speakers")), "statement_speaker", "official_id", officialIds);
                syncLinks(diff, id, "nations", current, strings(s.get("nations")), "statement_nation", "nation_id", nationIds);
                syncLinks(diff, id, "topics", current, strings(s.get("topics")), "statement_topic", "topic_id", topicIds);
                syncLinks(diff, id, "subjects", current, strings(s.get("subjects")), "statement_subject", "subject_id", subjectIds);
                // Speakers, nations, topics and subjects are part of the statement (updateStatement bumps it for them too).
                if (diff != null && diff.changed()) {
                    bump(diff, row[6]);
                    exec("update statement set kind = ?, version = version + 1 where id = ?", s.get("kind").asText(), id);
                    audit("Statement", id, diff.before, diff.after);
                }
                tally("statements", diff);
            }
            at("/statements");
            for (long document : renumber) {
                renumber(document);
            }
        }

        private void linkRows(Map<String, Map<String, TreeSet<String>>> links, String field, String sql) throws SQLException {
            for (var row : rows(c, sql, doc.documents.keySet())) {
                links.computeIfAbsent(row[0], k -> new HashMap<>()).computeIfAbsent(field, k -> new TreeSet<>()).add(row[1]);
            }
        }

        private void syncLinks(Diff diff, long id, String field, Map<String, TreeSet<String>> current, TreeSet<String> wanted,
                String table, String column, Map<String, Long> ids) throws SQLException {
            TreeSet<String> now = current.getOrDefault(field, new TreeSet<>());
            if (diff == null ? wanted.isEmpty() : !diff.set(field, now, wanted)) {
                return;
            }
            exec("delete from " + table + " where statement_id = ?", id);
            for (String key : wanted) {
                exec("insert into " + table + " (statement_id, " + column + ") values (?, ?)", id, ids.get(key));
            }
        }

        /** Ordinals follow the text: statements inserted among recorded ones take their places in document order. */
        private void renumber(long document) throws SQLException {
            List<String[]> moved = rows(c, "select id, n from (select id, ordinal, row_number() over (order by span_start, span_end, id) as n"
                    + " from statement where document_id = ?) r where ordinal <> n", document);
            if (moved.isEmpty()) {
                return;
            }
            // Two steps, so the unique (document, ordinal) never sees two rows on one number midway.
            for (String[] row : moved) {
                exec("update statement set ordinal = ordinal + 1000000 where id = ?", Long.parseLong(row[0]));
            }
            for (String[] row : moved) {
                exec("update statement set ordinal = ? where id = ?", Integer.parseInt(row[1]), Long.parseLong(row[0]));
            }
        }

        // -- commitments: parties, topics, statements, and append-only history -------------------

        private void commitments() throws SQLException {
            JsonNode list = doc.list("commitments");
            Map<String, String[]> existing = byKey(rowsWith("select slug, id, dialogue_id, title, description, kind, version from commitment"
                    + " where slug = any(?) or dialogue_id = ?", doc.commitments.keySet(), dialogueId));
            for (String[] row : existing.values()) {
                if (Long.parseLong(row[2]) == dialogueId && !doc.commitments.containsKey(row[0])) {
                    throw bad("/commitments", "the commitment '" + row[0] + "' is recorded for this dialogue but missing from the"
                            + " document; an import never deletes commitments.");
                }
            }
            resolveOutsideStatements(list);
            String of = " join commitment m on m.id = x.commitment_id where m.slug = any(?)";
            Map<String, Map<String, TreeSet<String>>> links = new HashMap<>();
            for (var row : rows(c, "select m.slug, coalesce('nation ' || n.code, 'subject ' || t.slug) || ':' || x.role"
                    + " from commitment_party x left join nation n on n.id = x.nation_id left join subject t on t.id = x.subject_id" + of,
                    doc.commitments.keySet())) {
                links.computeIfAbsent(row[0], k -> new HashMap<>()).computeIfAbsent("parties", k -> new TreeSet<>()).add(row[1]);
            }
            for (var row : rows(c, "select m.slug, t.slug from commitment_topic x join topic t on t.id = x.topic_id" + of,
                    doc.commitments.keySet())) {
                links.computeIfAbsent(row[0], k -> new HashMap<>()).computeIfAbsent("topics", k -> new TreeSet<>()).add(row[1]);
            }
            for (var row : rows(c, "select m.slug, d.slug || '[' || s.span_start || ':' || s.span_end || ']:' || x.relation"
                    + " from commitment_statement x join statement s on s.id = x.statement_id"
                    + " join source_document d on d.id = s.document_id" + of, doc.commitments.keySet())) {
                links.computeIfAbsent(row[0], k -> new HashMap<>()).computeIfAbsent("statements", k -> new TreeSet<>()).add(row[1]);
            }
            Map<String, List<Entry>> histories = histories();
            for (int i = 0; i < list.size(); i++) {
                JsonNode m = list.get(i);
                String at = "/commitments/" + i;
                at(at);
                String slug = m.get("slug").asText();
                String[] row = existing.get(slug);
                long id;
                Diff diff = null;
                if (row == null) {
                    id = insert("insert into commitment (slug, dialogue_id, title, description, kind) values (?, ?, ?, ?, ?) returning id",
                            slug, dialogueId, m.get("title").asText(), m.get("description").asText(), m.get("kind").asText());
                } else {
                    id = Long.parseLong(row[1]);
                    if (Long.parseLong(row[2]) != dialogueId) {
                        throw bad(at + "/slug", "the commitment '" + slug + "' is recorded for another dialogue.");
                    }
                    diff = new Diff().text("title", row[3], m.get("title").asText())
                            .text("description", row[4], m.get("description").asText()).text("kind", row[5], m.get("kind").asText());
                    if (diff.changed()) {
                        exec("update commitment set title = ?, description = ?, kind = ? where id = ?", m.get("title").asText(),
                                m.get("description").asText(), m.get("kind").asText(), id);
                    }
                }
                Map<String, TreeSet<String>> current = links.getOrDefault(slug, Map.of());
                TreeSet<String> parties = new TreeSet<>();
                m.get("parties").forEach(p -> parties.add((p.has("nation") ? "nation " + p.get("nation").asText()
                        : "subject " + p.get("subject").asText()) + ":" + p.get("role").asText()));
                if (diff == null ? !parties.isEmpty() : diff.set("parties", current.getOrDefault("parties", new TreeSet<>()), parties)) {
                    exec("delete from commitment_party where commitment_id = ?", id);
                    for (JsonNode p : m.get("parties")) {
                        exec("insert into commitment_party (commitment_id, nation_id, subject_id, role) values (?, ?, ?, ?)", id,
                                p.has("nation") ? nationIds.get(p.get("nation").asText()) : null,
                                p.has("subject") ? subjectIds.get(p.get("subject").asText()) : null, p.get("role").asText());
                    }
                }
                TreeSet<String> topics = strings(m.get("topics"));
                if (diff == null ? !topics.isEmpty() : diff.set("topics", current.getOrDefault("topics", new TreeSet<>()), topics)) {
                    exec("delete from commitment_topic where commitment_id = ?", id);
                    for (String t : topics) {
                        exec("insert into commitment_topic (commitment_id, topic_id) values (?, ?)", id, topicIds.get(t));
                    }
                }
                TreeSet<String> linked = new TreeSet<>();
                m.get("statements").forEach(s -> linked.add(ref(s.get("statement")) + ":" + s.get("link").asText()));
                if (diff == null ? !linked.isEmpty()
                        : diff.set("statements", current.getOrDefault("statements", new TreeSet<>()), linked)) {
                    exec("delete from commitment_statement where commitment_id = ?", id);
                    for (JsonNode s : m.get("statements")) {
                        exec("insert into commitment_statement (commitment_id, statement_id, relation) values (?, ?, ?)", id,
                                statementIds.get(ref(s.get("statement"))), s.get("link").asText());
                    }
                }
                ArrayNode appended = history(at, id, m.get("history"), histories.getOrDefault(slug, List.of()));
                if (row == null) {
                    ObjectNode shown = m.deepCopy();
                    shown.remove("history");
                    shown.set("statusChanges", appended);
                    audit("Commitment", id, null, shown);
                    tally("commitments", null);
                    continue;
                }
                if (!appended.isEmpty()) {
                    diff.before.put("statusChanges", 0);
                    diff.after.set("statusChanges", appended);
                }
                if (diff.changed()) {
                    // Every write to a commitment bumps its version, as a status change through the API does.
                    bump(diff, row[6]);
                    exec("update commitment set version = version + 1 where id = ?", id);
                    audit("Commitment", id, diff.before, diff.after);
                }
                tally("commitments", diff);
            }
        }

        /**
         * Statements the document links or cites but does not list must already be recorded (by another dialogue's import).
         * They are held FOR KEY SHARE until the import ends, as the editorial writes that add a reference hold theirs
         * ({@code Writes.holdStatements}): a concurrent deleteStatement, which takes FOR UPDATE before counting references,
         * either commits first (and the statement is not found here) or waits for the import and then finds its links.
         * A plain read saw a row whose deletion had not committed, and the insert of the link or status entry then failed
         * on the foreign key; or the deletion, not waiting, went ahead and took the import down with it.
         */
        private void resolveOutsideStatements(JsonNode commitments) throws SQLException {
            Map<String, String> wanted = new LinkedHashMap<>();
            for (int i = 0; i < commitments.size(); i++) {
                JsonNode m = commitments.get(i);
                for (int j = 0; j < m.get("statements").size(); j++) {
                    wanted.putIfAbsent(ref(m.get("statements").get(j).get("statement")), "/commitments/" + i + "/statements/" + j + "/statement");
                }
                for (int j = 0; j < m.get("history").size(); j++) {
                    JsonNode evidence = m.get("history").get(j).get("evidence");
                    if (!evidence.isNull()) {
                        wanted.putIfAbsent(ref(evidence), "/commitments/" + i + "/history/" + j + "/evidence");
                    }
                }
            }
            wanted.keySet().removeAll(statementIds.keySet());
            if (wanted.isEmpty()) {
                return;
            }
            Set<String> documents = new TreeSet<>();
            wanted.keySet().forEach(k -> documents.add(k.substring(0, k.lastIndexOf('['))));
            // Only the cited rows, in key order as every holder of statement locks takes them. A row deleted while this
            // waited is skipped, and so refused below as one never recorded.
            String key = "d.slug || '[' || s.span_start || ':' || s.span_end || ']'";
            for (var row : rowsWith("select " + key + ", s.id from statement s join source_document d on d.id = s.document_id"
                    + " where d.slug = any(?) and " + key + " = any(?) order by s.id for key share of s", documents,
                    c.createArrayOf("text", wanted.keySet().toArray()))) {
                statementIds.put(row[0], Long.parseLong(row[1]));
            }
            for (var e : wanted.entrySet()) {
                if (!statementIds.containsKey(e.getKey())) {
                    throw bad(e.getValue(), "names the statement " + e.getKey() + ", which neither the document nor the database holds.");
                }
            }
        }

        /** A recorded status entry, in the document's terms. */
        private record Entry(long id, ObjectNode content) {
        }

        private Map<String, List<Entry>> histories() throws SQLException {
            Map<String, List<Entry>> histories = new HashMap<>();
            Map<Long, ArrayNode> sources = new HashMap<>();
            for (var row : rows(c, "select es.entry_id, src.url, src.title, src.publisher, src.published_on from status_entry_source es"
                    + " join external_source src on src.id = es.source_id join commitment_status_entry x on x.id = es.entry_id"
                    + " join commitment m on m.id = x.commitment_id where m.slug = any(?) order by es.entry_id, src.id",
                    doc.commitments.keySet())) {
                sources.computeIfAbsent(Long.parseLong(row[0]), k -> NODES.arrayNode()).addObject()
                        .put("url", row[1]).put("title", row[2]).put("publisher", row[3]).put("publishedOn", row[4]);
            }
            Map<Long, Integer> positions = new HashMap<>();
            for (var row : rows(c, "select m.slug, x.id, x.status, x.as_of, x.note, d.slug, s.span_start, s.span_end, x.corrects_entry_id"
                    + " from commitment_status_entry x join commitment m on m.id = x.commitment_id"
                    + " left join statement s on s.id = x.evidence_statement_id left join source_document d on d.id = s.document_id"
                    + " where m.slug = any(?) order by x.id", doc.commitments.keySet())) {
                List<Entry> history = histories.computeIfAbsent(row[0], k -> new ArrayList<>());
                long id = Long.parseLong(row[1]);
                positions.put(id, history.size());
                ObjectNode e = entry(row[2], row[3], row[4],
                        row[5] == null ? NODES.nullNode() : DialogueExporter.statementRef(row[5], row[6], row[7]),
                        sources.getOrDefault(id, NODES.arrayNode()),
                        row[8] == null ? NODES.nullNode() : NODES.numberNode(positions.get(Long.parseLong(row[8]))));
                history.add(new Entry(id, e));
            }
            return histories;
        }

        private static ObjectNode entry(String status, String asOf, String note, JsonNode evidence, JsonNode sources, JsonNode corrects) {
            ObjectNode e = NODES.objectNode();
            e.put("status", status).put("asOf", asOf).put("note", note);
            e.set("evidence", evidence);
            e.set("sources", sources);
            e.set("corrects", corrects);
            return e;
        }

        /** Matches the recorded entries, in order, and appends the rest; returns the ids of the appended entries. */
        private ArrayNode history(String at, long commitment, JsonNode wanted, List<Entry> recorded) throws SQLException {
            if (wanted.size() < recorded.size()) {
                throw bad(at + "/history", "the document has " + wanted.size() + " status entries but " + recorded.size()
                        + " are recorded; the history is append-only, so an import cannot drop entries.");
            }
            List<Long> ids = new ArrayList<>();
            ArrayNode appended = NODES.arrayNode();
            for (int j = 0; j < wanted.size(); j++) {
                JsonNode w = wanted.get(j);
                ObjectNode comparable = entry(w.get("status").asText(), w.get("asOf").asText(), text(w.get("note")), w.get("evidence"),
                        w.get("sources"), w.get("corrects"));
                if (j < recorded.size()) {
                    if (!recorded.get(j).content().equals(comparable)) {
                        throw bad(at + "/history/" + j, "contradicts the recorded status entry " + j + " (" + recorded.get(j).content()
                                + "); the history is append-only: record a correction as a new entry instead.");
                    }
                    ids.add(recorded.get(j).id());
                    counts.get("statusEntries")[2]++;
                    continue;
                }
                at(at + "/history/" + j);
                JsonNode evidence = w.get("evidence");
                long id = insert("insert into commitment_status_entry (commitment_id, status, as_of, note, evidence_statement_id,"
                        + " corrects_entry_id, recorded_by, recorded_at) values (?, ?, ?::date, ?, ?, ?, ?, coalesce(?::timestamptz, now()))"
                        + " returning id", commitment, w.get("status").asText(), w.get("asOf").asText(), text(w.get("note")),
                        evidence.isNull() ? null : statementIds.get(ref(evidence)),
                        w.get("corrects").isNull() ? null : ids.get(w.get("corrects").asInt()),
                        // An entry recorded elsewhere keeps its author, even an unknown (null) one; a new entry is the importer's.
                        w.has("recordedBy") ? text(w.get("recordedBy")) : actor,
                        w.hasNonNull("recordedAt") ? w.get("recordedAt").asText() : null);
                for (JsonNode s : w.get("sources")) {
                    long source = insert("insert into external_source (url, title, publisher, published_on) values (?, ?, ?, ?::date)"
                            + " returning id", s.get("url").asText(), s.get("title").asText(), text(s.get("publisher")),
                            text(s.get("publishedOn")));
                    exec("insert into status_entry_source (entry_id, source_id) values (?, ?)", id, source);
                }
                ids.add(id);
                appended.add(id);
                counts.get("statusEntries")[0]++;
            }
            return appended;
        }

        // -- plumbing ---------------------------------------------------------------------------

        private static void at(String pointer) {
            current.set(pointer);
        }

        private void audit(String nodeType, long key, JsonNode before, JsonNode after) throws SQLException {
            exec("insert into audit_entry (actor, action, node_type, node_key, before, after) values (?, ?, ?, ?, ?::jsonb, ?::jsonb)",
                    actor, ACTION, nodeType, key, before == null ? null : before.toString(), after == null ? null : after.toString());
        }

        private long insert(String sql, Object... parameters) throws SQLException {
            try (PreparedStatement ps = prepare(sql, parameters); var rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }

        private void exec(String sql, Object... parameters) throws SQLException {
            try (PreparedStatement ps = prepare(sql, parameters)) {
                ps.executeUpdate();
            }
        }

        /** Rows of a query on a set of natural keys and one more parameter. */
        private List<String[]> rowsWith(String sql, Set<String> keys, Object second) throws SQLException {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setArray(1, c.createArrayOf("text", keys.toArray()));
                ps.setObject(2, second);
                try (var rs = ps.executeQuery()) {
                    List<String[]> rows = new ArrayList<>();
                    int n = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        String[] row = new String[n];
                        for (int i = 0; i < n; i++) {
                            row[i] = rs.getString(i + 1);
                        }
                        rows.add(row);
                    }
                    return rows;
                }
            }
        }

        private PreparedStatement prepare(String sql, Object... parameters) throws SQLException {
            PreparedStatement ps = c.prepareStatement(sql);
            for (int i = 0; i < parameters.length; i++) {
                Object p = parameters[i];
                if (p == null) {
                    ps.setNull(i + 1, Types.OTHER);
                } else if (p instanceof String[] array) {
                    ps.setArray(i + 1, c.createArrayOf("text", array));
                } else {
                    ps.setObject(i + 1, p);
                }
            }
            return ps;
        }

        private static Map<String, String[]> byKey(List<String[]> rows) {
            Map<String, String[]> map = new HashMap<>();
            rows.forEach(r -> map.put(r[0], r));
            return map;
        }

        private static TreeSet<String> strings(JsonNode array) {
            TreeSet<String> set = new TreeSet<>();
            array.forEach(v -> set.add(v.asText()));
            return set;
        }

        private static String[] textArray(JsonNode array) {
            List<String> values = new ArrayList<>();
            array.forEach(v -> values.add(v.asText()));
            return values.toArray(String[]::new);
        }

        private static Integer integer(JsonNode value) {
            return value == null || value.isNull() ? null : value.asInt();
        }

        private static String text(JsonNode value) {
            return value == null || value.isNull() ? null : value.asText();
        }
    }

    /** The fields of one row that differ between the database and the document: the audit entry's before and after. */
    static final class Diff {
        final ObjectNode before = NODES.objectNode();
        final ObjectNode after = NODES.objectNode();

        boolean changed() {
            return !after.isEmpty();
        }

        Diff text(String field, String current, String wanted) {
            if (!Objects.equals(current, wanted)) {
                before.put(field, current);
                after.put(field, wanted);
            }
            return this;
        }

        Diff node(String field, JsonNode current, JsonNode wanted) {
            if (!current.equals(wanted)) {
                before.set(field, current);
                after.set(field, wanted);
            }
            return this;
        }

        /** Records a changed set; true if it changed. */
        boolean set(String field, TreeSet<String> current, TreeSet<String> wanted) {
            if (current.equals(wanted)) {
                return false;
            }
            ArrayNode b = before.putArray(field);
            current.forEach(b::add);
            ArrayNode a = after.putArray(field);
            wanted.forEach(a::add);
            return true;
        }
    }
}
