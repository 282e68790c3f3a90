package io.communique.service;

import io.communique.model.AuditEntry;
import io.communique.model.Commitment;
import io.communique.model.CommitmentParty;
import io.communique.model.Dialogue;
import io.communique.model.DialogueParticipant;
import io.communique.model.ExternalSource;
import io.communique.model.Nation;
import io.communique.model.Office;
import io.communique.model.Official;
import io.communique.model.SourceDocument;
import io.communique.model.Statement;
import io.communique.model.StatusEntry;
import io.communique.model.Subject;
import io.communique.model.Topic;
import io.communique.relay.Relation;

/**
 * Every list the graph can traverse, written once as SQL: the child table is {@code c}, the
 * parent key is the last argument's expression. Lists are ordered by the child's primary key
 * (creation order, and, for seeded statements, document order) unless a page request brings
 * another {@link io.communique.relay.SortKey}; filters are predicates on {@code c}.
 */
public final class Relations {

    // Root lists.
    public static final Relation<Nation> NATIONS = Relation.root(Nation.class, "nation");
    public static final Relation<Official> OFFICIALS = Relation.root(Official.class, "official");
    public static final Relation<Dialogue> DIALOGUES = Relation.root(Dialogue.class, "dialogue");
    public static final Relation<SourceDocument> SOURCE_DOCUMENTS =
            Relation.root(SourceDocument.class, "source_document");
    public static final Relation<Statement> STATEMENTS = Relation.root(Statement.class, "statement");
    public static final Relation<Commitment> COMMITMENTS = Relation.root(Commitment.class, "commitment");
    public static final Relation<Topic> TOPICS = Relation.root(Topic.class, "topic");
    public static final Relation<Subject> SUBJECTS = Relation.root(Subject.class, "subject");

    // Nation.
    public static final Relation<Official> NATION_OFFICIALS =
            Relation.nested(Official.class, "official c", "c.nation_id");
    public static final Relation<Statement> NATION_STATEMENTS = Relation.through(Statement.class,
            "statement_nation x", "statement c on c.id = x.statement_id", "x.nation_id");
    // A nation is a party to a commitment at most once (commitment_party_nation_uq), so no commitment repeats.
    public static final Relation<Commitment> NATION_COMMITMENTS = Relation.through(Commitment.class,
            "commitment_party x", "commitment c on c.id = x.commitment_id", "x.nation_id");

    // Official.
    public static final Relation<Nation> OFFICIAL_NATION =
            Relation.nested(Nation.class, "official x join nation c on c.id = x.nation_id", "x.id");
    public static final Relation<Office> OFFICIAL_OFFICES =
            Relation.nested(Office.class, "office c", "c.official_id");
    public static final Relation<Statement> OFFICIAL_STATEMENTS = Relation.through(Statement.class,
            "statement_speaker x", "statement c on c.id = x.statement_id", "x.official_id");
    /** Commitments made or reaffirmed by a statement the official spoke. */
    public static final Relation<Commitment> OFFICIAL_COMMITMENTS = Relation.nested(Commitment.class,
            "(select distinct ss.official_id, cs.commitment_id from statement_speaker ss"
                    + " join commitment_statement cs on cs.statement_id = ss.statement_id) x"
                    + " join commitment c on c.id = x.commitment_id",
            "x.official_id");
    public static final Relation<DialogueParticipant> OFFICIAL_PARTICIPATIONS =
            Relation.nested(DialogueParticipant.class, "dialogue_participant c", "c.official_id");

    // Dialogue.
    public static final Relation<Nation> DIALOGUE_NATIONS = Relation.nested(Nation.class,
            "dialogue_nation x join nation c on c.id = x.nation_id", "x.dialogue_id");
    public static final Relation<DialogueParticipant> DIALOGUE_PARTICIPANTS =
            Relation.nested(DialogueParticipant.class, "dialogue_participant c", "c.dialogue_id");
    public static final Relation<Statement> DIALOGUE_STATEMENTS =
            Relation.nested(Statement.class, "statement c", "c.dialogue_id");
    public static final Relation<Commitment> DIALOGUE_COMMITMENTS =
            Relation.nested(Commitment.class, "commitment c", "c.dialogue_id");

    // Participation (keyed by participant row).
    public static final Relation<Official> PARTICIPANT_OFFICIAL = Relation.nested(Official.class,
            "dialogue_participant x join official c on c.id = x.official_id", "x.id");
    public static final Relation<Dialogue> PARTICIPANT_DIALOGUE = Relation.nested(Dialogue.class,
            "dialogue_participant x join dialogue c on c.id = x.dialogue_id", "x.id");
    public static final Relation<Nation> PARTICIPANT_NATION = Relation.nested(Nation.class,
            "dialogue_participant x join official o on o.id = x.official_id join nation c on c.id = o.nation_id",
            "x.id");

    // Source document.
    public static final Relation<Statement> DOCUMENT_STATEMENTS =
            Relation.nested(Statement.class, "statement c", "c.document_id");

    // Statement.
    public static final Relation<Dialogue> STATEMENT_DIALOGUE =
            Relation.nested(Dialogue.class, "statement x join dialogue c on c.id = x.dialogue_id", "x.id");
    public static final Relation<SourceDocument> STATEMENT_DOCUMENT = Relation.nested(SourceDocument.class,
            "statement x join source_document c on c.id = x.document_id", "x.id");
    public static final Relation<Official> STATEMENT_SPEAKERS = Relation.nested(Official.class,
            "statement_speaker x join official c on c.id = x.official_id", "x.statement_id");
    public static final Relation<Nation> STATEMENT_NATIONS = Relation.nested(Nation.class,
            "statement_nation x join nation c on c.id = x.nation_id", "x.statement_id");
    public static final Relation<Topic> STATEMENT_TOPICS = Relation.nested(Topic.class,
            "statement_topic x join topic c on c.id = x.topic_id", "x.statement_id");
    public static final Relation<Subject> STATEMENT_SUBJECTS = Relation.nested(Subject.class,
            "statement_subject x join subject c on c.id = x.subject_id", "x.statement_id");
    public static final Relation<Commitment> STATEMENT_COMMITMENTS = Relation.nested(Commitment.class,
            "commitment_statement x join commitment c on c.id = x.commitment_id", "x.statement_id");

    // Commitment.
    public static final Relation<Dialogue> COMMITMENT_DIALOGUE =
            Relation.nested(Dialogue.class, "commitment x join dialogue c on c.id = x.dialogue_id", "x.id");
    public static final Relation<CommitmentParty> COMMITMENT_PARTIES =
            Relation.nested(CommitmentParty.class, "commitment_party c", "c.commitment_id");
    public static final Relation<StatusEntry> COMMITMENT_HISTORY =
            Relation.nested(StatusEntry.class, "commitment_status_entry c", "c.commitment_id");
    public static final Relation<Topic> COMMITMENT_TOPICS = Relation.nested(Topic.class,
            "commitment_topic x join topic c on c.id = x.topic_id", "x.commitment_id");
    public static final Relation<Statement> COMMITMENT_STATEMENTS = Relation.through(Statement.class,
            "commitment_statement x", "statement c on c.id = x.statement_id", "x.commitment_id");
    public static final Relation<Official> COMMITMENT_OFFICIALS = Relation.nested(Official.class,
            "(select distinct cs.commitment_id, ss.official_id from commitment_statement cs"
                    + " join statement_speaker ss on ss.statement_id = cs.statement_id) x"
                    + " join official c on c.id = x.official_id",
            "x.commitment_id");

    // Commitment party (keyed by party row): exactly one of these two yields a row.
    public static final Relation<Nation> PARTY_NATION = Relation.nested(Nation.class,
            "commitment_party x join nation c on c.id = x.nation_id", "x.id");
    public static final Relation<Subject> PARTY_ORGANIZATION = Relation.nested(Subject.class,
            "commitment_party x join subject c on c.id = x.subject_id", "x.id");

    // Status change.
    public static final Relation<Statement> STATUS_EVIDENCE = Relation.nested(Statement.class,
            "commitment_status_entry x join statement c on c.id = x.evidence_statement_id", "x.id");

    public static final Relation<ExternalSource> STATUS_SOURCES = Relation.nested(ExternalSource.class,
            "status_entry_source x join external_source c on c.id = x.source_id", "x.entry_id");
    public static final Relation<StatusEntry> STATUS_CORRECTS = Relation.nested(StatusEntry.class,
            "commitment_status_entry x join commitment_status_entry c on c.id = x.corrects_entry_id", "x.id");

    // Audit trail.
    public static final Relation<AuditEntry> AUDIT_LOG = Relation.root(AuditEntry.class, "audit_entry");
    public static final Relation<AuditEntry> COMMITMENT_AUDIT = Relation.nested(AuditEntry.class,
            "(select * from audit_entry where node_type = 'Commitment') c", "c.node_key");

    // Topic and subject.
    public static final Relation<Statement> TOPIC_STATEMENTS = Relation.through(Statement.class,
            "statement_topic x", "statement c on c.id = x.statement_id", "x.topic_id");
    public static final Relation<Commitment> TOPIC_COMMITMENTS = Relation.through(Commitment.class,
            "commitment_topic x", "commitment c on c.id = x.commitment_id", "x.topic_id");
    public static final Relation<Statement> SUBJECT_STATEMENTS = Relation.through(Statement.class,
            "statement_subject x", "statement c on c.id = x.statement_id", "x.subject_id");

    private Relations() {
    }
}
