package io.communique.query;

import io.communique.model.CommitmentKind;
import io.communique.model.CommitmentStatus;
import io.smallrye.graphql.api.Nullable;
import java.util.List;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

@Input("CommitmentFilter")
@Description("Which commitments to list. A commitment must match every field given (AND). A list of things a commitment has many of (parties, topics, subjects, officials) matches commitments linked to all of them; a list of values a commitment has one of (status, kind, dialogue) matches any of them. Unknown ids, slugs or codes are refused with `BAD_USER_INPUT`.")
public record CommitmentFilter(
        @Description("Current status, any of these.")
        @Nullable List<@NonNull CommitmentStatus> status,
        @Description("Kind of commitment, any of these.")
        @Nullable List<@NonNull CommitmentKind> kind,
        @Description("The dialogue the commitment was made at, any of these: Dialogue ids.")
        @Nullable List<@NonNull String> dialogue,
        @Description("Topics the commitment is about, all of them: topic slugs (`defence`) or Topic ids.")
        @Nullable List<@NonNull String> topic,
        @Description("Parties bound by the commitment, all of them: nations as ISO 3166-1 alpha-2 codes (`US`) or Nation ids, organisations as subject slugs (`us-industry`) or Subject ids.")
        @Nullable List<@NonNull String> party,
        @Description("Subjects mentioned by a statement that made or reaffirmed the commitment, all of them: subject slugs or Subject ids.")
        @Nullable List<@NonNull String> subject,
        @Description("Officials who spoke a statement that made or reaffirmed the commitment, all of them: Official ids.")
        @Nullable List<@NonNull String> official,
        @Description("When the commitment's dialogue was held (inclusive).")
        DateRange heldOn,
        @Description("The date of the commitment's current status assessment (inclusive).")
        DateRange statusAsOf,
        @Description("Full-text search over the commitment's title and description, in the syntax of `Query.search`; no fuzzy matching.")
        String search) {
}
