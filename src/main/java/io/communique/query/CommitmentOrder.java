package io.communique.query;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

@Input("CommitmentOrder")
@Description("Ordering options for commitments connections.")
public record CommitmentOrder(
        @NonNull @Description("The field to order commitments by.") CommitmentOrderField field,
        @NonNull @Description("The ordering direction.") OrderDirection direction) {
}
