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
import jakarta.persistence.Table;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.Set;
import org.hibernate.annotations.Generated;
import org.hibernate.generator.EventType;

/** A dated assessment of a commitment's status, with the statement that evidences it. Append-only. */
@Entity
@Table(name = "commitment_status_entry")
public class StatusEntry extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    /** Set by the database when the row is inserted (README, "Delta sync"). */
    @Generated(event = EventType.INSERT)
    @Column(name = "created_at")
    public OffsetDateTime createdAt;

    /** Moved by the database on every change to the row or to a row that belongs to it. */
    @Generated(event = {EventType.INSERT, EventType.UPDATE})
    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "commitment_id")
    public Commitment commitment;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public CommitmentStatus status;

    @Column(name = "as_of", nullable = false)
    public LocalDate asOf;

    public String note;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "evidence_statement_id")
    public Statement evidence;

    @Column(name = "recorded_at", nullable = false, insertable = false, updatable = false)
    public OffsetDateTime recordedAt;

    /** The editor who recorded it (the token's principal); null for seed data. */
    @Column(name = "recorded_by")
    public String recordedBy;

    /** The earlier entry this one corrects, if it is a correction. */
    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "corrects_entry_id")
    public StatusEntry corrects;

    /** The key of {@link #corrects}, readable without loading that entry (the history is ordered by it). */
    @Column(name = "corrects_entry_id", insertable = false, updatable = false)
    public Long correctsKey;

    @ManyToMany
    @JoinTable(name = "status_entry_source", joinColumns = @JoinColumn(name = "entry_id"),
            inverseJoinColumns = @JoinColumn(name = "source_id"))
    public Set<ExternalSource> sources = new HashSet<>();
}
