package io.communique.engine;

import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironmentImpl;
import graphql.schema.FieldCoordinates;
import graphql.schema.GraphQLCodeRegistry;
import graphql.schema.GraphQLSchema;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code includeDeprecated: null} reads as its default, false, as graphql-js reads it. The argument is
 * a nullable {@code Boolean}, so null is a valid value, and graphql-java 24's introspection fetchers
 * unbox it: {@code __type(name: "Query") { fields(includeDeprecated: null) { name } }} threw a
 * NullPointerException, answered {@code INTERNAL} and logged as a server fault.
 */
final class IntrospectionNulls {

    private static final String ARGUMENT = "includeDeprecated";
    private static final List<FieldCoordinates> FIELDS = List.of(
            FieldCoordinates.coordinates("__Type", "fields"), FieldCoordinates.coordinates("__Type", "enumValues"),
            FieldCoordinates.coordinates("__Type", "inputFields"), FieldCoordinates.coordinates("__Field", "args"),
            FieldCoordinates.coordinates("__Directive", "args"));

    private IntrospectionNulls() {
    }

    static GraphQLSchema asDefault(GraphQLSchema schema) {
        GraphQLCodeRegistry registry = schema.getCodeRegistry();
        return schema.transform(builder -> builder.codeRegistry(registry.transform(code -> {
            for (FieldCoordinates field : FIELDS) {
                var definition = schema.getObjectType(field.getTypeName()).getFieldDefinition(field.getFieldName());
                DataFetcher<?> fetcher = registry.getDataFetcher(field, definition);
                code.dataFetcher(field, (DataFetcher<Object>) environment -> {
                    if (!environment.containsArgument(ARGUMENT) || environment.getArgument(ARGUMENT) != null) {
                        return fetcher.get(environment);
                    }
                    Map<String, Object> arguments = new HashMap<>(environment.getArguments());
                    arguments.put(ARGUMENT, false);
                    return fetcher.get(DataFetchingEnvironmentImpl.newDataFetchingEnvironment(environment).arguments(arguments).build());
                });
            }
        })));
    }
}
