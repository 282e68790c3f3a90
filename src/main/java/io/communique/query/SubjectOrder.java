package io.communique.query;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

@Input("SubjectOrder")
@Description("Ordering options for subjects connections.")
public record SubjectOrder(
        @NonNull @Description("The field to order subjects by.") SubjectOrderField field,
        @NonNull @Description("The ordering direction.") OrderDirection direction) {
}
