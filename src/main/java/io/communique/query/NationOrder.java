package io.communique.query;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

@Input("NationOrder")
@Description("Ordering options for nations connections.")
public record NationOrder(
        @NonNull @Description("The field to order nations by.") NationOrderField field,
        @NonNull @Description("The ordering direction.") OrderDirection direction) {
}
