package io.communique.engine;

import graphql.schema.GraphQLSchema;
import graphql.schema.visibility.BlockedFields;
import graphql.schema.visibility.DefaultGraphqlFieldVisibility;
import io.smallrye.graphql.spi.config.Config;

/**
 * Undoes a field-visibility filter that filters nothing.
 *
 * <p>Quarkus sets {@code quarkus.smallrye-graphql.field-visibility} to {@code default} unless told
 * otherwise, and SmallRye GraphQL 2.17 treats every value except {@code no-introspection} as a
 * list of regular expressions: the schema gets a {@link BlockedFields} with the one pattern
 * {@code default}, which no field's qualified name ({@code Type.field}) can match. graphql-java then
 * asks that filter for every field it validates and executes, building the qualified name and
 * running the regular expression each time: a third of what the canonical traversal allocated
 * (JFR) went there. Any other configured value (patterns, {@code no-introspection}) is left alone.
 */
final class FieldVisibility {

    static final String QUARKUS_DEFAULT = "default";

    private FieldVisibility() {
    }

    static GraphQLSchema withoutNoOpFilter(GraphQLSchema schema) {
        return withoutNoOpFilter(schema, Config.get().getFieldVisibility());
    }

    static GraphQLSchema withoutNoOpFilter(GraphQLSchema schema, String configured) {
        if (!QUARKUS_DEFAULT.equals(configured)
                || !(schema.getCodeRegistry().getFieldVisibility() instanceof BlockedFields)) {
            return schema;
        }
        return schema.transform(builder -> builder.codeRegistry(schema.getCodeRegistry()
                .transform(registry -> registry.fieldVisibility(DefaultGraphqlFieldVisibility.DEFAULT_FIELD_VISIBILITY))));
    }
}
