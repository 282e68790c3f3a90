package io.communique.model;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDate;

/** A published text that statements are taken from, stored verbatim. */
@Entity
@Table(name = "source_document")
public class SourceDocument extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    /** Optimistic lock: bumped by every write; writers state the version they read. */
    @Column(nullable = false)
    public int version;

    @Column(nullable = false)
    public String title;

    public String publisher;

    public String url;

    @Column(name = "published_on", nullable = false)
    public LocalDate publishedOn;

    /** The full text; statement spans are character offsets into it. */
    @Column(nullable = false)
    public String content;
}
