package io.communique.model;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.JoinTable;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.ManyToOne;
import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.Set;
import org.hibernate.annotations.Generated;
import org.hibernate.generator.EventType;

/** Something said at a dialogue, verbatim from a source document, with its exact span in that document. */
@Entity
public class Statement extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    /** Optimistic lock: bumped by every write; writers state the version they read. */
    @Column(nullable = false)
    public int version;

    /** Set by the database when the row is inserted (README, "Delta sync"). */
    @Generated(event = EventType.INSERT)
    @Column(name = "created_at")
    public OffsetDateTime createdAt;

    /** Moved by the database on every change to the row or to a row that belongs to it. */
    @Generated(event = {EventType.INSERT, EventType.UPDATE})
    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "dialogue_id")
    public Dialogue dialogue;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "document_id")
    public SourceDocument document;

    /** The document's key, read with the row: a span can name its document without loading it. */
    @Column(name = "document_id", insertable = false, updatable = false)
    public Long documentId;

    /** Position among the document's statements, from 1. */
    @Column(nullable = false)
    public int ordinal;

    /** Character offset where the text starts in the document (inclusive). */
    @Column(name = "span_start", nullable = false)
    public int spanStart;

    /** Character offset where the text ends in the document (exclusive). */
    @Column(name = "span_end", nullable = false)
    public int spanEnd;

    @Column(nullable = false)
    public String text;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public StatementKind kind;

    @ManyToMany
    @JoinTable(name = "statement_speaker", joinColumns = @JoinColumn(name = "statement_id"),
            inverseJoinColumns = @JoinColumn(name = "official_id"))
    public Set<Official> speakers = new HashSet<>();

    @ManyToMany
    @JoinTable(name = "statement_nation", joinColumns = @JoinColumn(name = "statement_id"),
            inverseJoinColumns = @JoinColumn(name = "nation_id"))
    public Set<Nation> nations = new HashSet<>();

    @ManyToMany
    @JoinTable(name = "statement_topic", joinColumns = @JoinColumn(name = "statement_id"),
            inverseJoinColumns = @JoinColumn(name = "topic_id"))
    public Set<Topic> topics = new HashSet<>();

    @ManyToMany
    @JoinTable(name = "statement_subject", joinColumns = @JoinColumn(name = "statement_id"),
            inverseJoinColumns = @JoinColumn(name = "subject_id"))
    public Set<Subject> subjects = new HashSet<>();
}
