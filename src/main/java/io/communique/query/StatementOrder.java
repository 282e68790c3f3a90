package io.communique.query;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

@Input("StatementOrder")
@Description("Ordering options for statements connections.")
public record StatementOrder(
        @NonNull @Description("The field to order statements by.") StatementOrderField field,
        @NonNull @Description("The ordering direction.") OrderDirection direction) {
}
