package io.communique.model;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.hibernate.annotations.Generated;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.generator.EventType;
import org.hibernate.type.SqlTypes;

/** A person who acts for a nation (Popolo's Person). */
@Entity
public class Official extends PanacheEntityBase {
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

    /** Canonical name, e.g. "Antony J. Blinken". */
    @Column(nullable = false)
    public String name;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "nation_id")
    public Nation nation;

    /** Spellings met in sources, e.g. "Anthony Blinken". */
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "other_names", nullable = false)
    public List<String> otherNames = new ArrayList<>();
}
