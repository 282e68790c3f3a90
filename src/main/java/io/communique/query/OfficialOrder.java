package io.communique.query;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

@Input("OfficialOrder")
@Description("Ordering options for officials connections.")
public record OfficialOrder(
        @NonNull @Description("The field to order officials by.") OfficialOrderField field,
        @NonNull @Description("The ordering direction.") OrderDirection direction) {
}
