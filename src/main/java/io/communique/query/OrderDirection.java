package io.communique.query;

import org.eclipse.microprofile.graphql.Description;

@Description("Possible directions in which to order a list of items when provided an `orderBy` argument.")
public enum OrderDirection {
    @Description("Specifies an ascending order for a given `orderBy` argument.")
    ASC,
    @Description("Specifies a descending order for a given `orderBy` argument.")
    DESC;
}
