package io.communique.graphql;

import io.smallrye.graphql.api.Union;
import org.eclipse.microprofile.graphql.Description;

/** What a search hit can be: the matched object itself, as on GitHub's search. */
@Union
@Description("An object found by `search`: a `Statement`, `Commitment`, `Official`, `Topic`, `Subject`, `Dialogue` or `Nation`.")
public interface SearchResult {
}
