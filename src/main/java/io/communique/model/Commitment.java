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

/** A specific, future-oriented promise made at a dialogue, tracked through its dated status history. */
@Entity
public class Commitment extends PanacheEntityBase {
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
    @JoinColumn(name = "dialogue_id")
    public Dialogue dialogue;

    @Column(nullable = false)
    public String title;

    @Column(nullable = false)
    public String description;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public CommitmentKind kind;

    /** Maintained by the database from the newest status entry; never written by the application. */
    @Enumerated(EnumType.STRING)
    @Column(nullable = false, insertable = false, updatable = false)
    public CommitmentStatus status;

    /** Optimistic lock: bumped by every write; writers state the version they read. */
    @Column(nullable = false)
    public int version;

    @ManyToMany
    @JoinTable(name = "commitment_topic", joinColumns = @JoinColumn(name = "commitment_id"),
            inverseJoinColumns = @JoinColumn(name = "topic_id"))
    public Set<Topic> topics = new HashSet<>();
}
