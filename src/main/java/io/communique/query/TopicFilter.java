package io.communique.query;

import io.smallrye.graphql.api.Nullable;
import java.util.List;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

@Input("TopicFilter")
@Description("Which topics to list. Unknown slugs are refused with `BAD_USER_INPUT`.")
public record TopicFilter(
        @Description("Topic slugs, any of these (`defence`).")
        @Nullable List<@NonNull String> slug) {
}
