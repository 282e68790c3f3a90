package io.communique.query;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

@Input("DialogueOrder")
@Description("Ordering options for dialogues connections.")
public record DialogueOrder(
        @NonNull @Description("The field to order dialogues by.") DialogueOrderField field,
        @NonNull @Description("The ordering direction.") OrderDirection direction) {
}
