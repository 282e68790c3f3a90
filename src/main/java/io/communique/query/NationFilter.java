package io.communique.query;

import io.smallrye.graphql.api.Nullable;
import java.util.List;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

@Input("NationFilter")
@Description("Which nations to list. Unknown codes are refused with `BAD_USER_INPUT`.")
public record NationFilter(
        @Description("ISO 3166-1 alpha-2 codes, any of these (`IN`).")
        @Nullable List<@NonNull String> code) {
}
