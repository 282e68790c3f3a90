package io.communique.graphql;

import io.communique.model.CommitmentStatus;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

@Type("StatusCount")
@Description("How many commitments of a group have a status.")
public record StatusCount(
        @NonNull @Description("The status.") CommitmentStatus status,
        @NonNull @Description("Commitments of the group whose current status it is.") Integer count) {
}
