package io.communique.graphql;

import io.smallrye.graphql.api.Union;
import org.eclipse.microprofile.graphql.Description;

/** What can be bound by a commitment: a nation, or an organisation such as a company or an industry. */
@Union
@Description("A party to a commitment: a `Nation`, or a `Subject` that is an organisation (a company, an industry, a grouping).")
public interface Party {
}
