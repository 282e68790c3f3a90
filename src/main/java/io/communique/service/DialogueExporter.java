package io.communique.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agroal.api.AgroalDataSource;
import io.communique.errors.NotFoundException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Writes one dialogue, with everything it references, as a self-contained document in the
 * exchange format (README, "Import and export"; {@code schema/dialogue.schema.json}).
 *
 * <p>Rows are named by natural keys and every list is sorted by them, so two exports of equal data
 * are byte-identical whatever the database ids: exports can be compared with {@code cmp}. A fixed
 * number of queries per export (no query per statement or commitment).
 */
@ApplicationScoped
public class DialogueExporter {

    public static final String FORMAT = "communique-dialogue";
    public static final int VERSION = 2;
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final AgroalDataSource dataSource;

    public DialogueExporter(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The canonical text of a document: two-space indentation, fields in format order, a final newline. */
    public static String canonical(ObjectNode document) {
        try {
            return JSON.writeValueAsString(document) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A tree of plain JSON nodes always serialises", e);
        }
    }

    /** The key of the dialogue with this slug, if any. */
    @Transactional
    public Optional<Long> findBySlug(String slug) {
        try (Connection c = dataSource.getConnection(); var ps = c.prepareStatement("select id from dialogue where slug = ?")) {
            ps.setString(1, slug);
            try (var rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The dialogue as a document; NOT_FOUND if there is no such dialogue. */
    @Transactional
    public ObjectNode export(long dialogueKey) {
        try (Connection c = dataSource.getConnection()) {
            return read(c, dialogueKey);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private ObjectNode read(Connection c, long key) throws SQLException {
        ObjectNode dialogue = NODES.objectNode();
        try (var ps = c.prepareStatement("select slug, title, format, edition, held_on, place from dialogue where id = ?")) {
            ps.setLong(1, key);
            try (var rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new NotFoundException("No dialogue has this id.");
                }
                dialogue.put("slug", rs.getString(1));
                dialogue.put("title", rs.getString(2));
                dialogue.put("format", rs.getString(3));
                Integer edition = (Integer) rs.getObject(4);
                if (edition == null) {
                    dialogue.putNull("edition");
                } else {
                    dialogue.put("edition", edition);
                }
                dialogue.put("heldOn", rs.getString(5));
                dialogue.put("place", rs.getString(6));
            }
        }
        TreeSet<String> nations = new TreeSet<>();
        TreeSet<String> topics = new TreeSet<>();
        TreeSet<String> subjects = new TreeSet<>();
        TreeSet<String> officials = new TreeSet<>();

        List<String> dialogueNations = strings(c, "select n.code from dialogue_nation dn join nation n on n.id = dn.nation_id"
                + " where dn.dialogue_id = ? order by n.code collate \"C\"", key);
        nations.addAll(dialogueNations);
        dialogue.set("nations", array(dialogueNations));
        ArrayNode participants = dialogue.putArray("participants");
        for (var row : rows(c, "select o.slug, p.role from dialogue_participant p join official o on o.id = p.official_id"
                + " where p.dialogue_id = ? order by o.slug collate \"C\"", key)) {
            officials.add(row[0]);
            participants.addObject().put("official", row[0]).put("role", row[1]);
        }

        // Statements, in document order, each with its sorted links.
        Map<Long, ObjectNode> statements = new LinkedHashMap<>();
        TreeSet<String> documents = new TreeSet<>();
        for (var row : rows(c, "select s.id, d.slug, s.span_start, s.span_end, s.text, s.kind from statement s"
                + " join source_document d on d.id = s.document_id where s.dialogue_id = ?"
                + " order by d.slug collate \"C\", s.span_start, s.span_end", key)) {
            ObjectNode s = NODES.objectNode();
            s.put("document", row[1]);
            s.put("start", Integer.parseInt(row[2]));
            s.put("end", Integer.parseInt(row[3]));
            s.put("text", row[4]);
            s.put("kind", row[5]);
            s.putArray("speakers");
            s.putArray("nations");
            s.putArray("topics");
            s.putArray("subjects");
            documents.add(row[1]);
            statements.put(Long.parseLong(row[0]), s);
        }
        String ofDialogue = " join statement s on s.id = x.statement_id where s.dialogue_id = ?";
        links(c, statements, "speakers", officials, "select x.statement_id, o.slug from statement_speaker x"
                + " join official o on o.id = x.official_id" + ofDialogue + " order by o.slug collate \"C\"", key);
        links(c, statements, "nations", nations, "select x.statement_id, n.code from statement_nation x"
                + " join nation n on n.id = x.nation_id" + ofDialogue + " order by n.code collate \"C\"", key);
        links(c, statements, "topics", topics, "select x.statement_id, t.slug from statement_topic x"
                + " join topic t on t.id = x.topic_id" + ofDialogue + " order by t.slug collate \"C\"", key);
        links(c, statements, "subjects", subjects, "select x.statement_id, t.slug from statement_subject x"
                + " join subject t on t.id = x.subject_id" + ofDialogue + " order by t.slug collate \"C\"", key);

        // Commitments, each with parties, topics, statements and history.
        Map<Long, ObjectNode> commitments = new LinkedHashMap<>();
        for (var row : rows(c, "select id, slug, title, description, kind from commitment where dialogue_id = ? order by slug collate \"C\"", key)) {
            ObjectNode m = NODES.objectNode();
            m.put("slug", row[1]);
            m.put("title", row[2]);
            m.put("description", row[3]);
            m.put("kind", row[4]);
            m.putArray("parties");
            m.putArray("topics");
            m.putArray("statements");
            m.putArray("history");
            commitments.put(Long.parseLong(row[0]), m);
        }
        String ofCommitments = " join commitment m on m.id = x.commitment_id where m.dialogue_id = ?";
        // Nations before subjects, each by its key.
        for (var row : rows(c, "select x.commitment_id, n.code, t.slug, x.role from commitment_party x"
                + " left join nation n on n.id = x.nation_id left join subject t on t.id = x.subject_id" + ofCommitments
                + " order by x.commitment_id, n.code collate \"C\" nulls last, t.slug collate \"C\"", key)) {
            ObjectNode party = ((ArrayNode) commitments.get(Long.parseLong(row[0])).get("parties")).addObject();
            if (row[1] != null) {
                party.put("nation", row[1]);
                nations.add(row[1]);
            } else {
                party.put("subject", row[2]);
                subjects.add(row[2]);
            }
            party.put("role", row[3]);
        }
        links(c, commitments, "topics", topics, "select x.commitment_id, t.slug from commitment_topic x"
                + " join topic t on t.id = x.topic_id" + ofCommitments + " order by t.slug collate \"C\"", key);
        for (var row : rows(c, "select x.commitment_id, d.slug, s.span_start, s.span_end, x.relation from commitment_statement x"
                + " join statement s on s.id = x.statement_id join source_document d on d.id = s.document_id" + ofCommitments
                + " order by d.slug collate \"C\", s.span_start, s.span_end", key)) {
            ObjectNode link = ((ArrayNode) commitments.get(Long.parseLong(row[0])).get("statements")).addObject();
            link.set("statement", statementRef(row[1], row[2], row[3]));
            link.put("link", row[4]);
        }
        Map<Long, ObjectNode> entries = new LinkedHashMap<>();
        Map<Long, Integer> positions = new LinkedHashMap<>();
        try (var ps = c.prepareStatement("select x.id, x.commitment_id, x.status, x.as_of, x.note, d.slug, s.span_start, s.span_end,"
                + " x.corrects_entry_id, x.recorded_at, x.recorded_by from commitment_status_entry x"
                + " left join statement s on s.id = x.evidence_statement_id left join source_document d on d.id = s.document_id"
                + ofCommitments + " order by x.commitment_id, x.id")) {
            ps.setLong(1, key);
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    ArrayNode history = (ArrayNode) commitments.get(rs.getLong(2)).get("history");
                    long id = rs.getLong(1);
                    positions.put(id, history.size());
                    ObjectNode e = history.addObject();
                    e.put("status", rs.getString(3));
                    e.put("asOf", rs.getString(4));
                    e.put("note", rs.getString(5));
                    e.set("evidence", rs.getString(6) == null ? NODES.nullNode()
                            : statementRef(rs.getString(6), rs.getString(7), rs.getString(8)));
                    e.putArray("sources");
                    long corrects = rs.getLong(9);
                    if (rs.wasNull()) {
                        e.putNull("corrects");
                    } else {
                        // Entries are written in id order, so a corrected entry is always earlier in the list.
                        e.put("corrects", positions.get(corrects));
                    }
                    e.put("recordedAt", timestamp(rs.getObject(10, OffsetDateTime.class)));
                    e.put("recordedBy", rs.getString(11));
                    entries.put(id, e);
                }
            }
        }
        try (var ps = c.prepareStatement("select es.entry_id, src.url, src.title, src.publisher, src.published_on"
                + " from status_entry_source es join external_source src on src.id = es.source_id"
                + " join commitment_status_entry x on x.id = es.entry_id" + ofCommitments + " order by es.entry_id, src.id")) {
            ps.setLong(1, key);
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    ((ArrayNode) entries.get(rs.getLong(1)).get("sources")).addObject()
                            .put("url", rs.getString(2)).put("title", rs.getString(3))
                            .put("publisher", rs.getString(4)).put("publishedOn", rs.getString(5));
                }
            }
        }

        // The referenced rows, each list sorted by its key.
        ObjectNode doc = NODES.objectNode();
        doc.put("format", FORMAT);
        doc.put("version", VERSION);
        ArrayNode officialList = NODES.arrayNode();
        Map<String, ObjectNode> officialsBySlug = new LinkedHashMap<>();
        for (var row : rows(c, "select o.slug, o.name, n.code, array_to_json(o.other_names)::text from official o"
                + " join nation n on n.id = o.nation_id where o.slug = any(?) order by o.slug collate \"C\"", officials)) {
            ObjectNode o = officialList.addObject();
            o.put("slug", row[0]);
            o.put("name", row[1]);
            o.put("nation", row[2]);
            nations.add(row[2]);
            o.set("otherNames", json(row[3]));
            o.putArray("offices");
            officialsBySlug.put(row[0], o);
        }
        for (var row : rows(c, "select o.slug, f.title, f.start_date, f.end_date from office f join official o on o.id = f.official_id"
                + " where o.slug = any(?) order by o.slug collate \"C\", f.start_date nulls first, f.title collate \"C\", f.end_date nulls first", officials)) {
            ((ArrayNode) officialsBySlug.get(row[0]).get("offices")).addObject()
                    .put("title", row[1]).put("startDate", row[2]).put("endDate", row[3]);
        }
        ArrayNode subjectList = NODES.arrayNode();
        for (var row : rows(c, "select t.slug, t.name, t.kind, n.code from subject t left join nation n on n.id = t.nation_id"
                + " where t.slug = any(?) order by t.slug collate \"C\"", subjects)) {
            subjectList.addObject().put("slug", row[0]).put("name", row[1]).put("kind", row[2]).put("nation", row[3]);
            if (row[3] != null) {
                nations.add(row[3]);
            }
        }
        ArrayNode nationList = doc.putArray("nations");
        for (var row : rows(c, "select code, name, array_to_json(other_names)::text from nation where code = any(?)"
                + " order by code collate \"C\"", nations)) {
            nationList.addObject().put("code", row[0]).put("name", row[1]).set("otherNames", json(row[2]));
        }
        ArrayNode topicList = doc.putArray("topics");
        for (var row : rows(c, "select slug, name from topic where slug = any(?) order by slug collate \"C\"", topics)) {
            topicList.addObject().put("slug", row[0]).put("name", row[1]);
        }
        doc.set("subjects", subjectList);
        doc.set("officials", officialList);
        doc.set("dialogue", dialogue);
        ArrayNode documentList = doc.putArray("documents");
        for (var row : rows(c, "select slug, title, publisher, url, published_on, content from source_document"
                + " where slug = any(?) order by slug collate \"C\"", documents)) {
            documentList.addObject().put("slug", row[0]).put("title", row[1]).put("publisher", row[2]).put("url", row[3])
                    .put("publishedOn", row[4]).put("content", row[5]);
        }
        doc.putArray("statements").addAll(statements.values());
        doc.putArray("commitments").addAll(commitments.values());
        return doc;
    }

    static String timestamp(OffsetDateTime t) {
        return t == null ? null : t.withOffsetSameInstant(ZoneOffset.UTC).toInstant().toString();
    }

    static ObjectNode statementRef(String document, String start, String end) {
        return NODES.objectNode().put("document", document).put("start", Integer.parseInt(start)).put("end", Integer.parseInt(end));
    }

    private static void links(Connection c, Map<Long, ObjectNode> owners, String field, Collection<String> seen, String sql, long key)
            throws SQLException {
        for (var row : rows(c, sql, key)) {
            ((ArrayNode) owners.get(Long.parseLong(row[0])).get(field)).add(row[1]);
            seen.add(row[1]);
        }
    }

    private static ArrayNode array(List<String> values) {
        ArrayNode a = NODES.arrayNode();
        values.forEach(a::add);
        return a;
    }

    private static List<String> strings(Connection c, String sql, long key) throws SQLException {
        return rows(c, sql, key).stream().map(r -> r[0]).toList();
    }

    /** A JSON value PostgreSQL wrote (array_to_json), as a tree; the importer reads current rows with it too. */
    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("PostgreSQL's array_to_json is JSON", e);
        }
    }

    /** Rows of a query with one parameter (a key, or a set of natural keys), every column as text. */
    static List<String[]> rows(Connection c, String sql, Object parameter) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            if (parameter instanceof Collection<?> keys) {
                Array array = c.createArrayOf("text", keys.toArray());
                ps.setArray(1, array);
            } else {
                ps.setObject(1, parameter);
            }
            try (ResultSet rs = ps.executeQuery()) {
                int n = rs.getMetaData().getColumnCount();
                List<String[]> rows = new ArrayList<>();
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
}
