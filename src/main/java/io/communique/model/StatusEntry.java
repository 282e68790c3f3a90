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
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.LocalDate;

/** A dated assessment of a commitment's status, with the statement that evidences it. Append-only. */
@Entity
@Table(name = "commitment_status_entry")
public class StatusEntry extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

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
}
