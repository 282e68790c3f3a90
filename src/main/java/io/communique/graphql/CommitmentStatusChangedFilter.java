package io.communique.graphql;

import io.smallrye.graphql.api.Nullable;
import java.util.List;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

@Input("CommitmentStatusChangedFilter")
@Description("Which status changes to receive. A change must match every field given (AND): its commitment is any of `commitment`, has all of `nation` as parties and is about all of `topic`. Unknown ids, codes or slugs are refused with `BAD_USER_INPUT` when the subscription starts.")
public record CommitmentStatusChangedFilter(
        @Description("The commitments to watch, any of these: Commitment ids.")
        @Nullable List<@NonNull String> commitment,
        @Description("Nations bound by the commitment, all of them: ISO 3166-1 alpha-2 codes (`IN`) or Nation ids.")
        @Nullable List<@NonNull String> nation,
        @Description("Topics the commitment is about, all of them: topic slugs (`defence`) or Topic ids.")
        @Nullable List<@NonNull String> topic) {
}
