package io.communique.model;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDate;

/** Published material outside the dialogue's own record that evidences a status (a report, a release). */
@Entity
@Table(name = "external_source")
public class ExternalSource extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false)
    public String url;

    @Column(nullable = false)
    public String title;

    public String publisher;

    @Column(name = "published_on")
    public LocalDate publishedOn;
}
