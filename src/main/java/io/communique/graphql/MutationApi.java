package io.communique.graphql;

import io.communique.service.CommitmentTracker;
import io.communique.service.CommitmentTracker.Correction;
import io.communique.service.CommitmentTracker.Evidence;
import io.communique.service.CommitmentTracker.Recorded;
import io.communique.service.CommitmentTracker.Source;
import io.communique.service.CommitmentTracker.StatusUpdate;
import java.util.List;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

/**
 * Writes. Each takes one `input` and returns a payload, as Relay mutations do; all need a bearer token.
 * Ids are passed on undecoded so that the role check, in the service, comes first.
 */
@GraphQLApi
public class MutationApi {

    private final CommitmentTracker tracker;

    public MutationApi(CommitmentTracker tracker) {
        this.tracker = tracker;
    }

    @Mutation("updateCommitmentStatus")
    @Description("Records a new status of a commitment, with its date and evidence (editor role). Refused with `BAD_USER_INPUT` for a transition the rules do not allow, `CONFLICT` for a stale `expectedVersion`; a refused change writes nothing.")
    public StatusChangePayload updateCommitmentStatus(
            @NonNull @Name("input") @Description("The new status, its date and its evidence.") UpdateCommitmentStatusInput input) {
        Recorded recorded = tracker.updateStatus(new StatusUpdate(input.commitmentId(), input.status(), input.asOf(), input.note(),
                evidence(input.evidence()), input.expectedVersion()));
        return payload(recorded, input.clientMutationId());
    }

    @Mutation("correctCommitmentStatus")
    @Description("Corrects an earlier status entry (admin role) by appending an entry that names it; the history is never rewritten.")
    public StatusChangePayload correctCommitmentStatus(
            @NonNull @Name("input") @Description("The entry to correct and what it should have said.") CorrectCommitmentStatusInput input) {
        Recorded recorded = tracker.correct(new Correction(input.statusChangeId(), input.status(), input.note(),
                evidence(input.evidence()), input.expectedVersion()));
        return payload(recorded, input.clientMutationId());
    }

    private static Evidence evidence(EvidenceInput input) {
        List<Source> sources = input.sources() == null ? List.of()
                : input.sources().stream().map(s -> s == null ? null : new Source(s.url(), s.title(), s.publisher(), s.publishedOn()))
                        .toList();
        return new Evidence(input.statementId(), sources);
    }

    private static StatusChangePayload payload(Recorded recorded, String clientMutationId) {
        return new StatusChangePayload(new CommitmentNode(recorded.commitment()), new StatusChangeNode(recorded.entry()),
                clientMutationId);
    }
}
