package io.communique.query;

import io.smallrye.graphql.api.Nullable;
import java.util.List;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

@Input("DialogueFilter")
@Description("Which dialogues to list. A dialogue must match every field given (AND). Unknown ids or codes are refused with `BAD_USER_INPUT`.")
public record DialogueFilter(
        @Description("Nations taking part, all of them: ISO 3166-1 alpha-2 codes (`IN`) or Nation ids.")
        @Nullable List<@NonNull String> nation,
        @Description("Officials taking part, all of them: Official ids.")
        @Nullable List<@NonNull String> participant,
        @Description("When the dialogue was held (inclusive).")
        DateRange heldOn) {
}
