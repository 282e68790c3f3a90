package io.communique.graphql;

import java.util.List;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

@Input("EvidenceInput")
@Description("Evidence for a status: give `statementId`, `sources`, or both.")
public record EvidenceInput(
        @Id @Description("Global ID of a Statement that evidences the status.") String statementId,
        @Description("Published material that evidences the status, at most 10.") List<ExternalSourceInput> sources) {
}
