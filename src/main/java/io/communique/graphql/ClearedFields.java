package io.communique.graphql;

import graphql.schema.DataFetchingEnvironment;
import io.smallrye.graphql.api.Context;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which optional fields of a mutation's {@code input} the client set to an explicit {@code null}. An
 * input record cannot tell a field left out from a field sent as null; graphql-java's coerced
 * argument can: a field left out is absent from its map, an explicit null is present with no value.
 * On an update, the first keeps the value and the second clears it, as Shopify's and GitHub's
 * update mutations do for their optional fields.
 */
final class ClearedFields {

    private ClearedFields() {
    }

    /** The names among {@code clearable} that the request's {@code input} argument sets to null. */
    static Set<String> of(Context context, String... clearable) {
        Object input = context.unwrap(DataFetchingEnvironment.class).getArgument("input");
        if (!(input instanceof Map<?, ?> fields)) {
            return Set.of();
        }
        return Arrays.stream(clearable)
                .filter(name -> fields.containsKey(name) && fields.get(name) == null)
                .collect(Collectors.toUnmodifiableSet());
    }
}
