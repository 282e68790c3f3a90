package io.communique.service;

import static io.communique.service.EditorialChecks.bad;
import static io.communique.service.EditorialChecks.key;
import static io.communique.service.EditorialChecks.keys;
import static io.communique.service.EditorialChecks.optionalKey;
import static io.communique.service.EditorialChecks.required;

import static io.communique.service.EditorialChecks.MAX_DESCRIPTION;
import static io.communique.service.EditorialChecks.MAX_DOCUMENT;
import static io.communique.service.EditorialChecks.MAX_LIST;
import static io.communique.service.EditorialChecks.MAX_OTHER_NAMES;

import io.communique.errors.ConflictException;
import io.communique.model.Commitment;
import io.communique.model.CommitmentKind;
import io.communique.model.CommitmentParty;
import io.communique.model.CommitmentStatus;
import io.communique.model.Dialogue;
import io.communique.model.DialogueParticipant;
import io.communique.model.Nation;
import io.communique.model.Office;
import io.communique.model.Official;
import io.communique.model.ParticipantRole;
import io.communique.model.PartyRole;
import io.communique.model.SourceDocument;
import io.communique.model.Statement;
import io.communique.model.StatementKind;
import io.communique.model.StatusEntry;
import io.communique.model.Subject;
import io.communique.model.SubjectKind;
import io.communique.model.Topic;
import io.communique.relay.GlobalId;
import io.communique.service.validation.InputValidation;
import io.communique.service.validation.OnCreate;
import io.communique.service.validation.RecordDate;
import io.communique.service.validation.Text;
import io.communique.service.validation.TextValidator;
import io.communique.service.validation.WebUrl;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * Editorial writes: creating and changing dialogues, officials, source documents, statements and
 * commitments. Each write is one transaction: the role is checked first, then every value, then
 * every id; only then is anything written, with a version bump and an audit entry (the node's
 * values before and after). Any refusal rolls the whole write back.
 *
 * <p>An update whose node would be stored as it is (its audit snapshot before and after are equal)
 * writes nothing: no row, no version bump, no audit entry, and so nothing for delta sync to send,
 * as the importer leaves an unchanged row alone. The values are compared as stored: link sets
 * whatever the order given, other names in their order.
 *
 * <p>Ids arrive as the client sent them and are decoded here, after the role check, so that an
 * anonymous caller is told {@code UNAUTHENTICATED} whatever else is wrong with the request.
 */
@ApplicationScoped
public class Editorial {

    private final EntityManager em;
    private final SecurityIdentity identity;
    private final InputValidation validation;

    public Editorial(EntityManager em, SecurityIdentity identity, InputValidation validation) {
        this.em = em;
        this.identity = identity;
        this.validation = validation;
    }

    // ---- commands: ids are global ids; on an update, null means "leave as it is", and an optional
    // field named in `cleared` (the client sent an explicit null for it) is removed ----

    public record ParticipantSpec(String officialId, ParticipantRole role) {
    }

    public record DialogueChange(String dialogueId, Integer expectedVersion,
            @NotNull(groups = OnCreate.class) @Text(max = 300) String title,
            @NotNull(groups = OnCreate.class) @Text(max = 200) String format,
            @Min(1) @Max(10_000) Integer edition,
            @NotNull(groups = OnCreate.class) @RecordDate LocalDate heldOn,
            @NotNull(groups = OnCreate.class) @Text(max = 200) String place,
            @Size(max = MAX_LIST) List<String> nationIds,
            @Size(max = MAX_LIST) List<ParticipantSpec> participants,
            Set<String> cleared) {
    }

    public record NewOffice(@NotNull @Text(max = 200) String title, @NotNull @RecordDate LocalDate startedOn) {
    }

    public record OfficialChange(String officialId, Integer expectedVersion,
            @NotNull(groups = OnCreate.class) @Text(max = 200) String name,
            @Size(max = MAX_OTHER_NAMES) List<@NotNull @Text(max = 200) String> otherNames,
            @NotNull(groups = OnCreate.class) String nationId,
            @Valid NewOffice office) {
    }

    public record DocumentChange(String documentId, Integer expectedVersion,
            @NotNull(groups = OnCreate.class) @Text(max = 500) String title,
            @WebUrl String url,
            @Text(max = 200) String publisher,
            @NotNull(groups = OnCreate.class) @RecordDate LocalDate publishedOn,
            @NotNull(groups = OnCreate.class) @Text(max = MAX_DOCUMENT) String text,
            Set<String> cleared) {

        public DocumentChange {
            url = WebUrl.Canonical.lowerScheme(url);
        }
    }

    public record StatementChange(String statementId, Integer expectedVersion,
            @NotNull(groups = OnCreate.class) String dialogueId,
            @NotNull(groups = OnCreate.class) String documentId,
            @NotNull(groups = OnCreate.class) Integer start,
            @NotNull(groups = OnCreate.class) Integer end,
            @Text(max = MAX_DOCUMENT) String text,
            @NotNull(groups = OnCreate.class) StatementKind kind,
            @Size(max = MAX_LIST) List<String> speakerIds, @Size(max = MAX_LIST) List<String> nationIds,
            @Size(max = MAX_LIST) List<String> topicIds, @Size(max = MAX_LIST) List<String> subjectIds) {
    }

    public record PartySpec(String nationId, String organizationId, PartyRole role) {
    }

    public record CommitmentChange(String commitmentId, Integer expectedVersion,
            @NotNull(groups = OnCreate.class) String dialogueId,
            @NotNull(groups = OnCreate.class) @Text(max = 300) String title,
            @NotNull(groups = OnCreate.class) @Text(max = MAX_DESCRIPTION) String description,
            @NotNull(groups = OnCreate.class) CommitmentKind kind,
            CommitmentStatus status,
            @NotNull(groups = OnCreate.class)
            @Size(min = 1, max = MAX_LIST, message = "must name 1 to {max} parties: a commitment binds someone")
            List<PartySpec> parties,
            @Size(max = MAX_LIST) List<String> topicIds,
            @NotNull(groups = OnCreate.class) String madeById,
            @Size(max = MAX_LIST) List<String> reaffirmedByIds) {
    }

    // ---- dialogues ----

    @Transactional
    public Dialogue createDialogue(DialogueChange change) {
        String actor = Access.require(identity, Access.EDITOR, "createDialogue");
        validation.create(change);
        Dialogue dialogue = new Dialogue();
        applyDialogue(dialogue, change);
        em.persist(dialogue);
        applyParticipants(dialogue, change);
        em.flush();
        audit(actor, "createDialogue", "Dialogue", dialogue.id, null, snapshot(dialogue));
        return dialogue;
    }

    @Transactional
    public Dialogue updateDialogue(DialogueChange change) {
        String actor = Access.require(identity, Access.EDITOR, "updateDialogue");
        long key = key(change.dialogueId(), "Dialogue", "input.dialogueId");
        validation.update(change);
        Dialogue dialogue = lock(Dialogue.class, "Dialogue", key, "input.dialogueId", change.expectedVersion(), d -> d.version);
        JsonObject before = snapshot(dialogue);
        applyDialogue(dialogue, change);
        applyParticipants(dialogue, change);
        JsonObject after = snapshot(dialogue);
        if (after.equals(before)) {
            return dialogue;
        }
        dialogue.version++;
        em.flush();
        audit(actor, "updateDialogue", "Dialogue", dialogue.id, before, withVersion(after, dialogue.version));
        return dialogue;
    }

    private void applyDialogue(Dialogue d, DialogueChange c) {
        d.title = or(c.title(), d.title);
        d.format = or(c.format(), d.format);
        d.place = or(c.place(), d.place);
        d.heldOn = or(c.heldOn(), d.heldOn);
        d.edition = orCleared(c.cleared(), "edition", c.edition(), d.edition);
        List<Nation> nations = resolve(Nation.class, "Nation", keys(c.nationIds(), "Nation", "input.nationIds"), "input.nationIds");
        replace(d.nations, nations);
    }

    /** Replaces the participants with those given, keeping the rows of officials who stay (their role may change). */
    private void applyParticipants(Dialogue dialogue, DialogueChange change) {
        List<ParticipantSpec> specs = change.participants();
        if (specs == null) {
            return;
        }
        List<Long> officialKeys = new ArrayList<>();
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < specs.size(); i++) {
            String path = "input.participants[" + i + "]";
            ParticipantSpec spec = required(specs.get(i), path);
            required(spec.role(), path + ".role");
            long official = key(spec.officialId(), "Official", path + ".officialId");
            if (!seen.add(official)) {
                throw bad(path + ".officialId", "names an official given earlier in the list: an official takes part once, in one role.");
            }
            officialKeys.add(official);
        }
        List<Official> officials = resolveEach(Official.class, "Official", officialKeys, i -> "input.participants[" + i + "].officialId");
        Map<Long, DialogueParticipant> existing = new HashMap<>();
        if (dialogue.id != null) {
            for (DialogueParticipant p : participants(dialogue.id)) {
                existing.put(p.official.id, p);
            }
        }
        for (int i = 0; i < specs.size(); i++) {
            DialogueParticipant p = existing.remove(officials.get(i).id);
            if (p == null) {
                p = new DialogueParticipant();
                p.dialogue = dialogue;
                p.official = officials.get(i);
                p.role = specs.get(i).role();
                em.persist(p);
            } else {
                p.role = specs.get(i).role();
            }
        }
        existing.values().forEach(em::remove);
    }

    private List<DialogueParticipant> participants(long dialogueKey) {
        return em.createQuery("select p from DialogueParticipant p join fetch p.official where p.dialogue.id = :d order by p.id",
                DialogueParticipant.class).setParameter("d", dialogueKey).getResultList();
    }

    // ---- officials ----

    @Transactional
    public Official createOfficial(OfficialChange change) {
        String actor = Access.require(identity, Access.EDITOR, "createOfficial");
        checkOfficial(change, true);
        Official official = new Official();
        applyOfficial(official, change);
        em.persist(official);
        if (change.office() != null) {
            appoint(official, change.office(), List.of(), "input.office");
        }
        em.flush();
        audit(actor, "createOfficial", "Official", official.id, null, snapshot(official));
        return official;
    }

    /** Changes an official; a {@code newOffice} ends the offices they hold on its start date and keeps them in history. */
    @Transactional
    public Official updateOfficial(OfficialChange change) {
        String actor = Access.require(identity, Access.EDITOR, "updateOfficial");
        long key = key(change.officialId(), "Official", "input.officialId");
        checkOfficial(change, false);
        Official official = lock(Official.class, "Official", key, "input.officialId", change.expectedVersion(), o -> o.version);
        JsonObject before = snapshot(official);
        applyOfficial(official, change);
        if (change.office() != null) {
            appoint(official, change.office(), offices(key), "input.newOffice");
        }
        JsonObject after = snapshot(official);
        if (after.equals(before)) {
            return official;
        }
        official.version++;
        em.flush();
        audit(actor, "updateOfficial", "Official", official.id, before, withVersion(after, official.version));
        return official;
    }

    private void checkOfficial(OfficialChange c, boolean create) {
        if (create) {
            validation.create(c);
        } else {
            // The office is `office` when an official is created and `newOffice` when one is updated.
            validation.update(c, Map.of("office", "newOffice"));
        }
        List<String> others = c.otherNames();
        if (others != null) {
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < others.size(); i++) {
                if (!seen.add(others.get(i))) {
                    throw bad("input.otherNames[" + i + "]", "repeats a name given earlier in the list.");
                }
            }
        }
    }

    private void applyOfficial(Official o, OfficialChange c) {
        o.name = or(c.name(), o.name);
        if (c.otherNames() != null && !c.otherNames().equals(o.otherNames)) {
            o.otherNames = new ArrayList<>(c.otherNames());
        }
        if (c.nationId() != null) {
            o.nation = find(Nation.class, "Nation", key(c.nationId(), "Nation", "input.nationId"), "input.nationId");
        }
    }

    /**
     * Gives the official a new office from {@code startedOn}: every office they still hold ends that
     * day and stays in their history. An office cannot start before one it succeeds. The one office
     * they hold, given again with its start, is theirs already: ending it that day and opening it
     * again would record a day-long office that never was.
     */
    private void appoint(Official official, NewOffice spec, List<Office> held, String path) {
        List<Office> open = held.stream().filter(o -> o.endDate == null).toList();
        if (open.size() == 1 && open.get(0).title.equals(spec.title()) && spec.startedOn().equals(open.get(0).startDate)) {
            return;
        }
        for (Office current : held) {
            if (current.endDate != null) {
                continue;
            }
            if (current.startDate != null && spec.startedOn().isBefore(current.startDate)) {
                throw bad(path + ".startedOn", "(" + spec.startedOn() + ") is before the start of the current office '"
                        + current.title + "' (" + current.startDate + "); a new office starts on or after it.");
            }
            current.endDate = spec.startedOn();
        }
        Office office = new Office();
        office.official = official;
        office.title = spec.title();
        office.startDate = spec.startedOn();
        em.persist(office);
    }

    private List<Office> offices(long officialKey) {
        return em.createQuery("select o from Office o where o.official.id = :o order by o.startDate nulls first, o.id", Office.class)
                .setParameter("o", officialKey).getResultList();
    }

    // ---- source documents ----

    @Transactional
    public SourceDocument createSourceDocument(DocumentChange change) {
        String actor = Access.require(identity, Access.EDITOR, "createSourceDocument");
        validation.create(change);
        SourceDocument document = new SourceDocument();
        applyDocument(document, change);
        em.persist(document);
        em.flush();
        audit(actor, "createSourceDocument", "SourceDocument", document.id, null, snapshot(document));
        return document;
    }

    /** Changes a document; a new text is refused if any statement's text would no longer stand at its span. */
    @Transactional
    public SourceDocument updateSourceDocument(DocumentChange change) {
        String actor = Access.require(identity, Access.EDITOR, "updateSourceDocument");
        long key = key(change.documentId(), "SourceDocument", "input.sourceDocumentId");
        validation.update(change);
        // The lock also holds off statement writes to this document (they lock it too) while spans are checked.
        SourceDocument document = lock(SourceDocument.class, "SourceDocument", key, "input.sourceDocumentId",
                change.expectedVersion(), d -> d.version);
        JsonObject before = snapshot(document);
        if (change.text() != null && !change.text().equals(document.content)) {
            for (Statement s : statementsOf(key)) {
                String now = slice(change.text(), s.spanStart, s.spanEnd);
                if (!s.text.equals(now)) {
                    throw bad("input.text", "would break the span of Statement " + GlobalId.encode("Statement", s.id)
                            + " [" + s.spanStart + ", " + s.spanEnd + "): its text would no longer stand there. Keep the"
                            + " statements' passages at their offsets, or move the statements first (updateStatement).");
                }
            }
        }
        applyDocument(document, change);
        JsonObject after = snapshot(document);
        if (after.equals(before)) {
            return document;
        }
        document.version++;
        em.flush();
        audit(actor, "updateSourceDocument", "SourceDocument", document.id, before, withVersion(after, document.version));
        return document;
    }

    private static void applyDocument(SourceDocument d, DocumentChange c) {
        d.title = or(c.title(), d.title);
        d.url = orCleared(c.cleared(), "url", c.url(), d.url);
        d.publisher = orCleared(c.cleared(), "publisher", c.publisher(), d.publisher);
        d.publishedOn = or(c.publishedOn(), d.publishedOn);
        d.content = or(c.text(), d.content);
    }

    // ---- statements ----

    @Transactional
    public Statement createStatement(StatementChange change) {
        String actor = Access.require(identity, Access.EDITOR, "createStatement");
        validation.create(change);
        Statement statement = new Statement();
        statement.dialogue = find(Dialogue.class, "Dialogue", key(change.dialogueId(), "Dialogue", "input.dialogueId"), "input.dialogueId");
        SourceDocument document = lockDocument(change.documentId());
        applySpan(statement, document, change);
        statement.kind = change.kind();
        applyStatementLinks(statement, change);
        em.persist(statement);
        renumber(document.id);
        em.refresh(statement);
        audit(actor, "createStatement", "Statement", statement.id, null, snapshot(statement));
        return statement;
    }

    @Transactional
    public Statement updateStatement(StatementChange change) {
        String actor = Access.require(identity, Access.EDITOR, "updateStatement");
        long key = key(change.statementId(), "Statement", "input.statementId");
        validation.update(change);
        Long target = optionalKey(change.documentId(), "SourceDocument", "input.documentId");
        Statement statement = lockStatement(key, change.expectedVersion(), target);
        JsonObject before = snapshot(statement);
        long previousDocument = statement.documentId;
        if (change.dialogueId() != null) {
            Dialogue dialogue = find(Dialogue.class, "Dialogue", key(change.dialogueId(), "Dialogue", "input.dialogueId"), "input.dialogueId");
            if (!dialogue.id.equals(statement.dialogue.id) && madeCommitmentElsewhere(statement.id, dialogue.id)) {
                throw bad("input.dialogueId", "would move the statement away from the dialogue of a commitment it made;"
                        + " a commitment is made by a statement of its own dialogue.");
            }
            statement.dialogue = dialogue;
        }
        if (change.documentId() != null || change.start() != null || change.end() != null || change.text() != null) {
            SourceDocument document = lockDocument(change.documentId() != null ? change.documentId()
                    : GlobalId.encode("SourceDocument", statement.documentId));
            applySpan(statement, document, change);
        }
        statement.kind = or(change.kind(), statement.kind);
        applyStatementLinks(statement, change);
        if (snapshot(statement).equals(before)) {
            // Same span in the same document: no statement of it moves, so there is nothing to renumber either.
            return statement;
        }
        statement.version++;
        if (statement.document.id != previousDocument) {
            renumber(previousDocument);
        }
        renumber(statement.document.id);
        em.refresh(statement);
        audit(actor, "updateStatement", "Statement", statement.id, before, snapshot(statement));
        return statement;
    }

    /** Deletes a statement (admin) that no commitment and no status entry refers to; the deletion is audited. */
    @Transactional
    public long deleteStatement(String statementId, Integer expectedVersion) {
        String actor = Access.require(identity, Access.ADMIN, "deleteStatement");
        long key = key(statementId, "Statement", "input.statementId");
        Statement statement = lockStatementForDeletion(key, expectedVersion);
        Number links = (Number) em.createNativeQuery("select (select count(*) from commitment_statement where statement_id = :s)"
                + " + (select count(*) from commitment_status_entry where evidence_statement_id = :s)")
                .setParameter("s", key).getSingleResult();
        if (links.longValue() > 0) {
            throw bad("input.statementId", "is referred to by commitments or as the evidence of status entries;"
                    + " unlink it from its commitments first (updateCommitment). Status history is append-only, so"
                    + " a statement that evidences a status stays.");
        }
        JsonObject before = snapshot(statement);
        long document = statement.documentId;
        statement.speakers.clear();
        statement.nations.clear();
        statement.topics.clear();
        statement.subjects.clear();
        em.flush();
        em.remove(statement);
        renumber(document);
        audit(actor, "deleteStatement", "Statement", key, before, null);
        return key;
    }

    /**
     * Locks a statement for writing, after its document (and the document it moves to, if any): every
     * statement write locks documents first, then statements, so that renumbering a document (which
     * updates all its statements) never waits on a writer that waits on it.
     */
    private Statement lockStatement(long key, Integer expectedVersion, Long targetDocument) {
        long document = lockDocuments(key, targetDocument);
        return stayedOn(document, lock(Statement.class, "Statement", key, "input.statementId", expectedVersion, s -> s.version));
    }

    /** As {@link #lockStatement}, with the statement's one row lock FOR UPDATE ({@link Writes#lockStatementForDeletion}). */
    private Statement lockStatementForDeletion(long key, Integer expectedVersion) {
        long document = lockDocuments(key, null);
        Writes.lockStatementForDeletion(em, key, expectedVersion);
        return stayedOn(document, em.find(Statement.class, key));
    }

    /** Locks the statement's document and the one it moves to, if any, in key order; returns the statement's document. */
    private long lockDocuments(long key, Long targetDocument) {
        List<?> current = em.createNativeQuery("select document_id from statement where id = :s").setParameter("s", key).getResultList();
        if (current.isEmpty()) {
            throw bad("input.statementId", "names no Statement.");
        }
        long document = ((Number) current.get(0)).longValue();
        List<Long> documents = new ArrayList<>(List.of(document));
        if (targetDocument != null && targetDocument != document) {
            documents.add(targetDocument);
        }
        documents.sort(null);
        for (long d : documents) {
            lockDocument(GlobalId.encode("SourceDocument", d));
        }
        return document;
    }

    private static Statement stayedOn(long document, Statement statement) {
        if (statement.documentId != document) {
            // Moved to another document between the two reads: its lock is not held, so start again from a fresh read.
            throw new ConflictException("The Statement moved to another document while this write waited: read it again and retry.");
        }
        return statement;
    }

    private SourceDocument lockDocument(String documentId) {
        long key = key(documentId, "SourceDocument", "input.documentId");
        SourceDocument document = em.find(SourceDocument.class, key, LockModeType.PESSIMISTIC_WRITE);
        if (document == null) {
            throw bad("input.documentId", "names no source document.");
        }
        return document;
    }

    /** The statement's text is the document's text at [start, end); a text given must equal it. */
    private void applySpan(Statement statement, SourceDocument document, StatementChange c) {
        int start = c.start() != null ? c.start() : statement.spanStart;
        int end = c.end() != null ? c.end() : statement.spanEnd;
        int length = document.content.codePointCount(0, document.content.length());
        if (start < 0) {
            throw bad("input.start", "must be 0 or more (got " + start + ").");
        }
        if (end <= start) {
            throw bad("input.end", "(" + end + ") must be greater than the start (" + start + ").");
        }
        if (end > length) {
            throw bad("input.end", "(" + end + ") is past the end of the document, which is " + length + " characters long.");
        }
        String slice = slice(document.content, start, end);
        if (c.text() != null && !c.text().equals(slice)) {
            throw bad("input.text", "does not match the document's text at [" + start + ", " + end + "), which reads \""
                    + abbreviate(slice) + "\". Give the span of the passage, or leave the text out to take it from the document.");
        }
        if (!TextValidator.visible(slice)) {
            throw bad("input.start", "and 'input.end' span nothing visible in the document (only spaces or invisible characters).");
        }
        // Race-free: every statement write holds the document's row lock. Without this check the
        // unique key (document, start, end) refused the duplicate at the flush, as INTERNAL.
        List<?> same = em.createNativeQuery("select id from statement where document_id = :d and span_start = :start"
                        + " and span_end = :end and id <> :self")
                .setParameter("d", document.id).setParameter("start", start).setParameter("end", end)
                .setParameter("self", statement.id == null ? 0L : statement.id).getResultList();
        if (!same.isEmpty()) {
            throw bad("input.start", "and 'input.end' are the span of Statement "
                    + GlobalId.encode("Statement", ((Number) same.get(0)).longValue())
                    + " already: a passage of a document is one statement.");
        }
        if (statement.document == null || !statement.document.id.equals(document.id)) {
            // A provisional position past the document's others, taken before the row joins the document
            // so that no flush can put two statements at one position; renumbering puts it in span order.
            statement.ordinal = nextOrdinal(document.id);
        }
        statement.document = document;
        statement.spanStart = start;
        statement.spanEnd = end;
        statement.text = slice;
    }

    private void applyStatementLinks(Statement s, StatementChange c) {
        replace(s.speakers, resolve(Official.class, "Official", keys(c.speakerIds(), "Official", "input.speakerIds"), "input.speakerIds"));
        replace(s.nations, resolve(Nation.class, "Nation", keys(c.nationIds(), "Nation", "input.nationIds"), "input.nationIds"));
        replace(s.topics, resolve(Topic.class, "Topic", keys(c.topicIds(), "Topic", "input.topicIds"), "input.topicIds"));
        replace(s.subjects, resolve(Subject.class, "Subject", keys(c.subjectIds(), "Subject", "input.subjectIds"), "input.subjectIds"));
    }

    private static <T> void replace(Set<T> set, List<T> with) {
        if (with != null) {
            set.retainAll(with);
            set.addAll(with);
        }
    }

    private int nextOrdinal(long documentKey) {
        Number max = (Number) em.createNativeQuery("select coalesce(max(ordinal), 0) from statement where document_id = :d")
                .setParameter("d", documentKey).getSingleResult();
        return max.intValue() + 1;
    }

    /**
     * Numbers the document's statements 1, 2, ... in span order. (document_id, ordinal) is unique and
     * checked row by row, so the rows that move first move out of the way. Only those are written: an
     * update stamps a row as changed for delta sync, and renumbering every row re-sent the document's
     * unchanged statements to every syncing client after each statement write.
     */
    private void renumber(long documentKey) {
        em.flush();
        String moving = "(select id, row_number() over (order by span_start, span_end, id) as n from statement"
                + " where document_id = :d) r where s.id = r.id and s.ordinal <> r.n";
        em.createNativeQuery("update statement s set ordinal = s.ordinal + 1000000 from " + moving)
                .setParameter("d", documentKey).executeUpdate();
        em.createNativeQuery("update statement s set ordinal = r.n from " + moving)
                .setParameter("d", documentKey).executeUpdate();
    }

    private List<Statement> statementsOf(long documentKey) {
        return em.createQuery("select s from Statement s where s.document.id = :d order by s.ordinal", Statement.class)
                .setParameter("d", documentKey).getResultList();
    }

    private boolean madeCommitmentElsewhere(long statementKey, long dialogueKey) {
        Number n = (Number) em.createNativeQuery("select count(*) from commitment_statement cs join commitment c on c.id = cs.commitment_id"
                + " where cs.statement_id = :s and cs.relation = 'MADE' and c.dialogue_id <> :d")
                .setParameter("s", statementKey).setParameter("d", dialogueKey).getSingleResult();
        return n.longValue() > 0;
    }

    static String slice(String text, int start, int end) {
        int length = text.codePointCount(0, text.length());
        if (end > length) {
            return null;
        }
        return text.substring(text.offsetByCodePoints(0, start), text.offsetByCodePoints(0, end));
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }

    // ---- commitments ----

    /** Creates a commitment made by a statement of its dialogue, with a first status entry evidenced by that statement. */
    @Transactional
    public Commitment createCommitment(CommitmentChange change) {
        String actor = Access.require(identity, Access.EDITOR, "createCommitment");
        validation.create(change);
        Commitment commitment = new Commitment();
        commitment.dialogue = find(Dialogue.class, "Dialogue", key(change.dialogueId(), "Dialogue", "input.dialogueId"), "input.dialogueId");
        applyCommitment(commitment, change);
        em.persist(commitment);
        applyParties(commitment, change.parties());
        Statement made = applyStatements(commitment, change);
        StatusEntry first = new StatusEntry();
        first.commitment = commitment;
        first.status = change.status() != null ? change.status() : CommitmentStatus.ANNOUNCED;
        first.asOf = commitment.dialogue.heldOn;
        first.note = "Recorded with the commitment.";
        first.evidence = made;
        first.recordedBy = actor;
        em.persist(first);
        em.flush();
        // The database derives the status from the entry (trigger): read it back.
        em.refresh(commitment);
        audit(actor, "createCommitment", "Commitment", commitment.id, null, snapshot(commitment));
        return commitment;
    }

    @Transactional
    public Commitment updateCommitment(CommitmentChange change) {
        String actor = Access.require(identity, Access.EDITOR, "updateCommitment");
        long key = key(change.commitmentId(), "Commitment", "input.commitmentId");
        validation.update(change);
        Commitment commitment = lock(Commitment.class, "Commitment", key, "input.commitmentId", change.expectedVersion(), c -> c.version);
        JsonObject before = snapshot(commitment);
        applyCommitment(commitment, change);
        if (change.parties() != null) {
            applyParties(commitment, change.parties());
        }
        applyStatements(commitment, change);
        JsonObject after = snapshot(commitment);
        if (after.equals(before)) {
            return commitment;
        }
        commitment.version++;
        em.flush();
        audit(actor, "updateCommitment", "Commitment", commitment.id, before, withVersion(after, commitment.version));
        return commitment;
    }

    private void applyCommitment(Commitment c, CommitmentChange change) {
        c.title = or(change.title(), c.title);
        c.description = or(change.description(), c.description);
        c.kind = or(change.kind(), c.kind);
        List<Topic> topics = resolve(Topic.class, "Topic", keys(change.topicIds(), "Topic", "input.topicIds"), "input.topicIds");
        replace(c.topics, topics);
    }

    /** Replaces the parties with those given; a party that stays keeps its row, with the role given. */
    private void applyParties(Commitment commitment, List<PartySpec> specs) {
        // Nations and organisations are each read in one statement, whatever the number of parties.
        List<Long> nationKeys = new ArrayList<>();
        List<Integer> nationAt = new ArrayList<>();
        List<Long> orgKeys = new ArrayList<>();
        List<Integer> orgAt = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < specs.size(); i++) {
            String path = "input.parties[" + i + "]";
            PartySpec spec = required(specs.get(i), path);
            required(spec.role(), path + ".role");
            if ((spec.nationId() == null) == (spec.organizationId() == null)) {
                throw bad(path, "must give exactly one of 'nationId' and 'organizationId'.");
            }
            String partyKey;
            if (spec.nationId() != null) {
                long k = key(spec.nationId(), "Nation", path + ".nationId");
                nationKeys.add(k);
                nationAt.add(i);
                partyKey = "N" + k;
            } else {
                long k = key(spec.organizationId(), "Subject", path + ".organizationId");
                orgKeys.add(k);
                orgAt.add(i);
                partyKey = "S" + k;
            }
            if (!seen.add(partyKey)) {
                throw bad(path, "names a party given earlier in the list: a party takes part once, in one role.");
            }
        }
        Object[] parties = new Object[specs.size()];
        List<Nation> nations = resolveEach(Nation.class, "Nation", nationKeys, j -> "input.parties[" + nationAt.get(j) + "].nationId");
        for (int j = 0; j < nations.size(); j++) {
            parties[nationAt.get(j)] = nations.get(j);
        }
        List<Subject> orgs = resolveEach(Subject.class, "Subject", orgKeys, j -> "input.parties[" + orgAt.get(j) + "].organizationId");
        for (int j = 0; j < orgs.size(); j++) {
            Subject org = orgs.get(j);
            if (org.kind != SubjectKind.ORGANIZATION && org.kind != SubjectKind.COMPANY) {
                throw bad("input.parties[" + orgAt.get(j) + "].organizationId", "names a subject of kind " + org.kind
                        + "; a party is a nation, an organisation or a company.");
            }
            parties[orgAt.get(j)] = org;
        }
        Map<String, CommitmentParty> existing = new HashMap<>();
        if (commitment.id != null) {
            for (CommitmentParty p : em.createQuery("select p from CommitmentParty p where p.commitment.id = :c", CommitmentParty.class)
                    .setParameter("c", commitment.id).getResultList()) {
                existing.put(p.nation != null ? "N" + p.nation.id : "S" + p.organization.id, p);
            }
        }
        for (int i = 0; i < parties.length; i++) {
            Object party = parties[i];
            String k = party instanceof Nation n ? "N" + n.id : "S" + ((Subject) party).id;
            CommitmentParty row = existing.remove(k);
            if (row == null) {
                row = new CommitmentParty();
                row.commitment = commitment;
                if (party instanceof Nation n) {
                    row.nation = n;
                } else {
                    row.organization = (Subject) party;
                }
                row.role = specs.get(i).role();
                em.persist(row);
            } else {
                row.role = specs.get(i).role();
            }
        }
        existing.values().forEach(em::remove);
    }

    /**
     * Links the statement that made the commitment (of the commitment's own dialogue) and those that
     * reaffirmed it. Returns the making statement when it was given.
     */
    private Statement applyStatements(Commitment commitment, CommitmentChange change) {
        Long madeKey = optionalKey(change.madeById(), "Statement", "input.madeById");
        List<Long> reaffirmedKeys = keys(change.reaffirmedByIds(), "Statement", "input.reaffirmedByIds");
        if (madeKey == null && reaffirmedKeys == null) {
            return null;
        }
        em.flush();
        Long currentMade = madeBy(commitment.id);
        Statement made = null;
        if (madeKey != null) {
            holdStatements(List.of(madeKey), i -> "input.madeById");
            made = find(Statement.class, "Statement", madeKey, "input.madeById");
            if (!made.dialogue.id.equals(commitment.dialogue.id)) {
                throw bad("input.madeById", "names a statement of another dialogue; a commitment is made by a statement of its own dialogue.");
            }
        }
        if (madeKey == null && currentMade == null) {
            throw bad("input.madeById", "is required: the commitment has no statement that made it yet.");
        }
        long effectiveMade = madeKey != null ? madeKey : currentMade;
        if (reaffirmedKeys == null) {
            // Linked already (and so kept by deleteStatement, which counts links under its lock): re-linked as they are.
            reaffirmedKeys = reaffirmedBy(commitment.id);
            reaffirmedKeys.remove(Long.valueOf(effectiveMade));
        } else {
            holdStatements(reaffirmedKeys, i -> "input.reaffirmedByIds[" + i + "]");
            resolve(Statement.class, "Statement", reaffirmedKeys, "input.reaffirmedByIds");
            int i = reaffirmedKeys.indexOf(effectiveMade);
            if (i >= 0) {
                throw bad("input.reaffirmedByIds[" + i + "]", "is the statement that made the commitment; it cannot also reaffirm it.");
            }
        }
        if (currentMade != null && currentMade == effectiveMade
                && Set.copyOf(reaffirmedKeys).equals(Set.copyOf(reaffirmedBy(commitment.id)))) {
            // Linked so already: deleting and inserting the same links would mark the commitment and
            // every statement as changed (delta sync) though nothing is.
            return made;
        }
        em.createNativeQuery("delete from commitment_statement where commitment_id = :c").setParameter("c", commitment.id).executeUpdate();
        insertLink(commitment.id, effectiveMade, "MADE");
        for (Long r : reaffirmedKeys) {
            insertLink(commitment.id, r, "REAFFIRMED");
        }
        return made;
    }

    /** Holds the statements about to be linked against a concurrent deletion ({@link Writes#holdStatements}). */
    private void holdStatements(List<Long> keys, Function<Integer, String> path) {
        var held = Writes.holdStatements(em, keys);
        for (int i = 0; i < keys.size(); i++) {
            if (!held.contains(keys.get(i))) {
                throw bad(path.apply(i), "names no Statement.");
            }
        }
    }

    private void insertLink(long commitment, long statement, String relation) {
        em.createNativeQuery("insert into commitment_statement (commitment_id, statement_id, relation) values (:c, :s, :r)")
                .setParameter("c", commitment).setParameter("s", statement).setParameter("r", relation).executeUpdate();
    }

    private Long madeBy(long commitmentKey) {
        List<?> rows = em.createNativeQuery("select statement_id from commitment_statement where commitment_id = :c and relation = 'MADE'")
                .setParameter("c", commitmentKey).getResultList();
        return rows.isEmpty() ? null : ((Number) rows.get(0)).longValue();
    }

    private List<Long> reaffirmedBy(long commitmentKey) {
        List<?> rows = em.createNativeQuery("select statement_id from commitment_statement where commitment_id = :c"
                + " and relation = 'REAFFIRMED' order by statement_id").setParameter("c", commitmentKey).getResultList();
        List<Long> keys = new ArrayList<>();
        rows.forEach(r -> keys.add(((Number) r).longValue()));
        return keys;
    }

    // ---- shared ----

    /** Reads the node for writing: the row lock serialises writers, so the version compared is the latest committed. */
    private <T> T lock(Class<T> type, String typeName, long key, String path, Integer expectedVersion, ToIntFunction<T> version) {
        return Writes.lockVersioned(em, type, typeName, key, path, expectedVersion, version);
    }

    private <T> T find(Class<T> type, String typeName, long key, String path) {
        T node = em.find(type, key);
        if (node == null) {
            throw bad(path, "names no " + typeName + ".");
        }
        return node;
    }

    /** The nodes of the given keys, in their order, read in one statement; null stays null. */
    private <T> List<T> resolve(Class<T> type, String typeName, List<Long> keys, String path) {
        return keys == null ? null : resolveEach(type, typeName, keys, i -> path + "[" + i + "]");
    }

    private <T> List<T> resolveEach(Class<T> type, String typeName, List<Long> keys, Function<Integer, String> path) {
        if (keys.isEmpty()) {
            return new ArrayList<>();
        }
        var util = em.getEntityManagerFactory().getPersistenceUnitUtil();
        Map<Object, T> found = new HashMap<>();
        for (T node : em.createQuery("select e from " + type.getSimpleName() + " e where e.id in :ids", type)
                .setParameter("ids", keys).getResultList()) {
            found.put(util.getIdentifier(node), node);
        }
        List<T> nodes = new ArrayList<>(keys.size());
        for (int i = 0; i < keys.size(); i++) {
            T node = found.get(keys.get(i));
            if (node == null) {
                throw bad(path.apply(i), "names no " + typeName + ".");
            }
            nodes.add(node);
        }
        return nodes;
    }

    private void audit(String actor, String action, String nodeType, long key, JsonObject before, JsonObject after) {
        Writes.audit(em, actor, action, nodeType, key, before == null ? null : before.toString(),
                after == null ? null : after.toString());
    }

    // ---- what the audit trail records of each node: its values and links, by key ----

    private JsonObject snapshot(Dialogue d) {
        JsonArrayBuilder participants = Json.createArrayBuilder();
        if (d.id != null) {
            em.flush();
            participants(d.id).stream().sorted(Comparator.comparing(p -> p.official.id))
                    .forEach(p -> participants.add(Json.createObjectBuilder().add("official", p.official.id).add("role", p.role.name())));
        }
        JsonObjectBuilder b = Json.createObjectBuilder().add("title", d.title).add("format", d.format)
                .add("heldOn", d.heldOn.toString()).add("place", d.place).add("version", d.version)
                .add("nations", ids(d.nations, n -> n.id)).add("participants", participants);
        if (d.edition != null) {
            b.add("edition", d.edition);
        }
        return b.build();
    }

    private JsonObject snapshot(Official o) {
        JsonArrayBuilder offices = Json.createArrayBuilder();
        em.flush();
        for (Office office : offices(o.id)) {
            JsonObjectBuilder ob = Json.createObjectBuilder().add("title", office.title);
            if (office.startDate != null) {
                ob.add("startDate", office.startDate.toString());
            }
            if (office.endDate != null) {
                ob.add("endDate", office.endDate.toString());
            }
            offices.add(ob);
        }
        JsonArrayBuilder others = Json.createArrayBuilder();
        o.otherNames.forEach(others::add);
        return Json.createObjectBuilder().add("name", o.name).add("nation", o.nation.id).add("otherNames", others)
                .add("offices", offices).add("version", o.version).build();
    }

    private static JsonObject snapshot(SourceDocument d) {
        JsonObjectBuilder b = Json.createObjectBuilder().add("title", d.title).add("publishedOn", d.publishedOn.toString())
                .add("text", d.content).add("version", d.version);
        if (d.url != null) {
            b.add("url", d.url);
        }
        if (d.publisher != null) {
            b.add("publisher", d.publisher);
        }
        return b.build();
    }

    private static JsonObject snapshot(Statement s) {
        return Json.createObjectBuilder().add("dialogue", s.dialogue.id).add("document", s.document.id)
                .add("start", s.spanStart).add("end", s.spanEnd).add("ordinal", s.ordinal).add("text", s.text)
                .add("kind", s.kind.name()).add("speakers", ids(s.speakers, o -> o.id)).add("nations", ids(s.nations, n -> n.id))
                .add("topics", ids(s.topics, t -> t.id)).add("subjects", ids(s.subjects, x -> x.id)).add("version", s.version).build();
    }

    private JsonObject snapshot(Commitment c) {
        em.flush();
        JsonArrayBuilder parties = Json.createArrayBuilder();
        em.createQuery("select p from CommitmentParty p where p.commitment.id = :c order by p.id", CommitmentParty.class)
                .setParameter("c", c.id).getResultList().forEach(p -> {
                    JsonObjectBuilder pb = Json.createObjectBuilder().add("role", p.role.name());
                    if (p.nation != null) {
                        pb.add("nation", p.nation.id);
                    } else {
                        pb.add("organization", p.organization.id);
                    }
                    parties.add(pb);
                });
        JsonObjectBuilder b = Json.createObjectBuilder().add("dialogue", c.dialogue.id).add("title", c.title)
                .add("description", c.description).add("kind", c.kind.name()).add("status", c.status.name())
                .add("parties", parties).add("topics", ids(c.topics, t -> t.id))
                .add("reaffirmedBy", ids(reaffirmedBy(c.id), k -> k)).add("version", c.version);
        Long made = madeBy(c.id);
        if (made != null) {
            b.add("madeBy", made);
        }
        return b.build();
    }

    /** An update's after snapshot, taken before its version bump (to compare with the before), at the new version. */
    private static JsonObject withVersion(JsonObject snapshot, int version) {
        return Json.createObjectBuilder(snapshot).add("version", version).build();
    }

    /** The value given, or the current one when none was given (an update leaves out what it does not change). */
    private static <T> T or(T given, T current) {
        return given != null ? given : current;
    }

    /** An optional field: removed when the client sent an explicit null for it, else as {@link #or}. */
    private static <T> T orCleared(Set<String> cleared, String field, T given, T current) {
        return cleared.contains(field) ? null : or(given, current);
    }

    private static <T> JsonArrayBuilder ids(Collection<T> nodes, Function<T, Long> key) {
        JsonArrayBuilder a = Json.createArrayBuilder();
        nodes.stream().map(key).sorted().forEach(a::add);
        return a;
    }
}
