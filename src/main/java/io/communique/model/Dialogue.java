package io.communique.model;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.JoinTable;
import jakarta.persistence.ManyToMany;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.Set;
import org.hibernate.annotations.Generated;
import org.hibernate.generator.EventType;

/** One meeting of a diplomatic format, e.g. the fifth India-US 2+2 Ministerial Dialogue. */
@Entity
public class Dialogue extends PanacheEntityBase {
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

    @Column(nullable = false)
    public String title;

    @Column(nullable = false)
    public String format;

    public Integer edition;

    @Column(name = "held_on", nullable = false)
    public LocalDate heldOn;

    @Column(nullable = false)
    public String place;

    @ManyToMany
    @JoinTable(name = "dialogue_nation", joinColumns = @JoinColumn(name = "dialogue_id"),
            inverseJoinColumns = @JoinColumn(name = "nation_id"))
    public Set<Nation> nations = new HashSet<>();
}
