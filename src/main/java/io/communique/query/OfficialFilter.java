package io.communique.query;

import io.smallrye.graphql.api.Nullable;
import java.util.List;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

@Input("OfficialFilter")
@Description("Which officials to list. An official must match every field given (AND). Unknown ids or codes are refused with `BAD_USER_INPUT`.")
public record OfficialFilter(
        @Description("The nation the official acts for, any of these: ISO 3166-1 alpha-2 codes (`IN`) or Nation ids.")
        @Nullable List<@NonNull String> nation,
        @Description("Dialogues the official took part in, all of them: Dialogue ids.")
        @Nullable List<@NonNull String> dialogue) {
}
