package io.communique.model;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.hibernate.annotations.Generated;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.generator.EventType;
import org.hibernate.type.SqlTypes;

/** A sovereign state, identified by its ISO 3166-1 alpha-2 code. */
@Entity
public class Nation extends PanacheEntityBase {
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

    @Column(nullable = false, unique = true, columnDefinition = "char(2)")
    public String code;

    @Column(nullable = false)
    public String name;

    /** Names it goes by in sources besides {@link #name}, e.g. "USA"; search finds it by them (V20). */
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "other_names", nullable = false)
    public List<String> otherNames = new ArrayList<>();
}
