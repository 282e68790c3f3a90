package io.communique.service;

import io.communique.errors.BadUserInputException;
import io.communique.model.Commitment;
import io.communique.model.CommitmentStatus;
import io.communique.model.ExternalSource;
import io.communique.model.Statement;
import io.communique.model.StatusEntry;
import io.communique.relay.GlobalId;
import io.communique.service.validation.InputValidation;
import io.communique.service.validation.RecordDate;
import io.communique.service.validation.Text;
import io.communique.service.validation.WebUrl;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.Json;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.List;

/**
 * Records how commitments fare. Every change appends a dated, evidenced status entry, bumps the
 * commitment's version and writes an audit entry, in one transaction; every check runs before the
 * first write, and any failure rolls the whole change back.
 *
 * <p>Ids arrive as the client sent them and are decoded here, after the role check, so that a
 * caller without the role is told so whatever else is wrong with the request (as {@link Editorial}).
 */
@ApplicationScoped
public class CommitmentTracker {

    static final int MAX_NOTE = 2000;
    static final int MAX_SOURCES = 10;

    private final EntityManager em;
    private final SecurityIdentity identity;
    private final InputValidation validation;

    public CommitmentTracker(EntityManager em, SecurityIdentity identity, InputValidation validation) {
        this.em = em;
        this.identity = identity;
        this.validation = validation;
    }

    /** An external source given as evidence. */
    public record Source(
            @NotNull @WebUrl String url,
            @NotNull @Text(max = 300) String title,
            @Text(max = 200) String publisher,
            @RecordDate LocalDate publishedOn) {

        public Source {
            url = WebUrl.Canonical.lowerScheme(url);
        }
    }

    /** Evidence for a status: a statement of a dialogue, external sources, or both. */
    public record Evidence(String statementId, @Size(max = MAX_SOURCES) List<@NotNull @Valid Source> sources) {
    }

    /** A new status assessment of a commitment. */
    public record StatusUpdate(String commitmentId, @NotNull CommitmentStatus status, @NotNull @RecordDate LocalDate asOf,
            @Text(max = MAX_NOTE) String note, @Valid Evidence evidence, Integer expectedVersion) {
    }

    /** A correction of an earlier entry (admin only): its status, note and evidence replace it from its date on. */
    public record Correction(String statusChangeId, @NotNull CommitmentStatus status, @Text(max = MAX_NOTE) String note,
            @Valid Evidence evidence, Integer expectedVersion) {
    }

    public record Recorded(Commitment commitment, StatusEntry entry) {
    }

    @Transactional
    public Recorded updateStatus(StatusUpdate update) {
        String actor = Access.require(identity, Access.EDITOR, "updateCommitmentStatus");
        long commitmentKey = GlobalId.decodeKey(update.commitmentId(), "Commitment", "input.commitmentId");
        Long statementKey = statementKey(update.evidence());
        validation.update(update);
        checkEvidence(update.evidence());
        Commitment commitment = lockForWrite(commitmentKey, update.expectedVersion(), "input.commitmentId");
        if (!StatusTransitions.allowed(commitment.status, update.status())) {
            throw new BadUserInputException("Argument 'input.status': a commitment that is " + commitment.status
                    + " cannot become " + update.status() + " (allowed: " + StatusTransitions.next(commitment.status)
                    + "); an admin can correct the record instead.");
        }
        LocalDate latest = em.createQuery("select max(e.asOf) from StatusEntry e where e.commitment.id = :id", LocalDate.class)
                .setParameter("id", commitment.id).getSingleResult();
        if (latest != null && update.asOf().isBefore(latest)) {
            throw new BadUserInputException("Argument 'input.asOf' (" + update.asOf() + ") is before the newest status entry ("
                    + latest + "); history is recorded in order, and earlier entries are changed by a correction.");
        }
        Statement evidence = evidenceStatement(statementKey);
        StatusEntry entry = append(commitment, update.status(), update.asOf(), update.note(), evidence, update.evidence(), actor, null);
        return finish(commitment, entry, actor, "updateCommitmentStatus");
    }

    @Transactional
    public Recorded correct(Correction correction) {
        String actor = Access.require(identity, Access.ADMIN, "correctCommitmentStatus");
        long entryKey = GlobalId.decodeKey(correction.statusChangeId(), "CommitmentStatusChange", "input.statusChangeId");
        Long statementKey = statementKey(correction.evidence());
        validation.update(correction);
        checkEvidence(correction.evidence());
        StatusEntry corrected = em.find(StatusEntry.class, entryKey);
        if (corrected == null) {
            // An id in a write's input that names nothing is bad input, as everywhere else (README, "Errors").
            throw new BadUserInputException("Argument 'input.statusChangeId' names no status change.");
        }
        Commitment commitment = lockForWrite(corrected.commitment.id, correction.expectedVersion(), "input.statusChangeId");
        Statement evidence = evidenceStatement(statementKey);
        StatusEntry entry = append(commitment, correction.status(), corrected.asOf, correction.note(), evidence,
                correction.evidence(), actor, corrected);
        return finish(commitment, entry, actor, "correctCommitmentStatus");
    }

    private Commitment lockForWrite(long key, Integer expectedVersion, String argument) {
        return Writes.lockVersioned(em, Commitment.class, "commitment", key, argument, expectedVersion, c -> c.version);
    }

    private StatusEntry append(Commitment commitment, CommitmentStatus status, LocalDate asOf, String note, Statement statement,
            Evidence evidence, String actor, StatusEntry corrects) {
        StatusEntry entry = new StatusEntry();
        entry.commitment = commitment;
        entry.status = status;
        entry.asOf = asOf;
        entry.note = note;
        entry.evidence = statement;
        entry.recordedBy = actor;
        entry.corrects = corrects;
        if (evidence.sources() != null) {
            for (Source s : evidence.sources()) {
                ExternalSource source = new ExternalSource();
                source.url = s.url();
                source.title = s.title();
                source.publisher = s.publisher();
                source.publishedOn = s.publishedOn();
                em.persist(source);
                entry.sources.add(source);
            }
        }
        em.persist(entry);
        return entry;
    }

    private Recorded finish(Commitment commitment, StatusEntry entry, String actor, String action) {
        var before = Json.createObjectBuilder().add("status", commitment.status.name()).add("version", commitment.version).build();
        commitment.version++;
        em.flush();
        // The database derives the current status (trigger) and stamps the entry; read both back.
        em.refresh(commitment);
        em.refresh(entry);
        Writes.audit(em, actor, action, "Commitment", commitment.id, before.toString(),
                Json.createObjectBuilder().add("status", commitment.status.name()).add("version", commitment.version)
                        .add("statusChange", entry.id).build().toString());
        return new Recorded(commitment, entry);
    }

    private static Long statementKey(Evidence evidence) {
        return evidence == null || evidence.statementId() == null ? null
                : GlobalId.decodeKey(evidence.statementId(), "Statement", "input.evidence.statementId");
    }

    private Statement evidenceStatement(Long statementKey) {
        if (statementKey == null) {
            return null;
        }
        if (!Writes.holdStatements(em, List.of(statementKey)).contains(statementKey)) {
            throw new BadUserInputException("Argument 'input.evidence.statementId' names no statement.");
        }
        return em.find(Statement.class, statementKey);
    }

    /** What the constraints cannot say: a status is evidenced by a statement, a source, or both. */
    private static void checkEvidence(Evidence evidence) {
        if (evidence == null || (evidence.statementId() == null && (evidence.sources() == null || evidence.sources().isEmpty()))) {
            throw new BadUserInputException("Argument 'input.evidence' needs a statementId or at least one source: every status is evidenced.");
        }
    }
}
