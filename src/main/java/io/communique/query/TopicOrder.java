package io.communique.query;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

@Input("TopicOrder")
@Description("Ordering options for topics connections.")
public record TopicOrder(
        @NonNull @Description("The field to order topics by.") TopicOrderField field,
        @NonNull @Description("The ordering direction.") OrderDirection direction) {
}
