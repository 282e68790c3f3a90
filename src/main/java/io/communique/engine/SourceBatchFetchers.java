package io.communique.engine;

import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.FieldCoordinates;
import graphql.schema.GraphQLCodeRegistry;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLFieldsContainer;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLType;
import io.smallrye.graphql.execution.datafetcher.BatchDataFetcher;
import io.smallrye.graphql.execution.datafetcher.helper.ArgumentHelper;
import io.smallrye.graphql.execution.datafetcher.helper.BatchLoaderHelper;
import io.smallrye.graphql.schema.model.Operation;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Replaces SmallRye's fetcher of every batched {@code @Source List<T>} field with one that only
 * queues the parent on the field's DataLoader.
 *
 * <p>SmallRye 2.17's {@code BatchDataFetcher} runs, for every parent object, before queueing it:
 * a fill of its request {@code Context} (the field's whole selection set, built and rendered as
 * JSON twice), a data-fetch event, a per-field timer and a Mutiny wrapper with context
 * propagation. On the canonical traversal that is 286 parents, and it was about a fifth of the
 * server's CPU (bench/README.md). None of it is needed to batch: the batch loader SmallRye
 * registered under the same name still runs the resolver once per batch, filling the
 * {@code Context} from the first parent's environment, activating the request context and
 * mapping errors as before. What is gone: SmallRye's per-parent {@code mp_graphql} timer of these
 * fields (it measured the wait for the batch, not the work) and its per-parent data-fetch event,
 * which nothing here observes.
 *
 * <p>The arguments are converted with SmallRye's own {@link ArgumentHelper} for the field's
 * operation, which SmallRye hands to {@link EngineHooks#createOperation} while it builds the schema.
 * The parent is queued on the DataLoader {@link BatchLoaders} keeps for the field and the
 * arguments it was asked with.
 */
final class SourceBatchFetchers {

    private final Map<FieldCoordinates, Operation> operations = new ConcurrentHashMap<>();
    private final BatchLoaderHelper loaders = new BatchLoaderHelper();

    void remember(Operation operation) {
        if (operation.isSourceField() && operation.getSourceFieldOn() != null) {
            // The coordinates SmallRye registers the field's fetcher under.
            operations.put(FieldCoordinates.coordinates(operation.getSourceFieldOn().getName(), operation.getName()), operation);
        }
    }

    /** The schema with every SmallRye batch fetcher it has replaced; the schema itself if none. */
    GraphQLSchema lighten(GraphQLSchema schema) {
        GraphQLCodeRegistry registry = schema.getCodeRegistry();
        Map<FieldCoordinates, DataFetcher<?>> replacements = new HashMap<>();
        for (GraphQLType type : schema.getAllTypesAsList()) {
            if (!(type instanceof GraphQLFieldsContainer container)) {
                continue;
            }
            for (GraphQLFieldDefinition field : container.getFieldDefinitions()) {
                FieldCoordinates coordinates = FieldCoordinates.coordinates(container.getName(), field.getName());
                if (registry.getDataFetcher(coordinates, field) instanceof BatchDataFetcher) {
                    Operation operation = operations.get(coordinates);
                    if (operation == null) {
                        // SmallRye's own fetcher would look for a DataLoader of SmallRye's, and there are none
                        // (BatchLoaders): fail the engine's setup, naming the field, rather than every request
                        // that reaches it with an error that does not.
                        throw new IllegalStateException("No SmallRye operation seen for batched field " + coordinates);
                    }
                    replacements.put(coordinates,
                            new BatchFetcher(loaders.getName(operation), new ArgumentHelper(operation.getArguments())));
                }
            }
        }
        if (replacements.isEmpty()) {
            return schema;
        }
        GraphQLCodeRegistry lighter = registry.transform(builder -> replacements.forEach(builder::dataFetcher));
        return schema.transform(builder -> builder.codeRegistry(lighter));
    }

    /** Queues the parent, with the converted arguments and its environment as SmallRye's batch loader expects them. */
    record BatchFetcher(String loaderName, ArgumentHelper arguments) implements DataFetcher<Object> {

        @Override
        public Object get(DataFetchingEnvironment environment) throws Exception {
            Map<String, Object> keyContext = new HashMap<>(4);
            keyContext.put(BatchLoaderHelper.ARGUMENTS, arguments.getArguments(environment, true));
            keyContext.put(BatchLoaderHelper.DATA_FETCHING_ENVIRONMENT, environment);
            return BatchLoaders.loaderFor(environment, loaderName).load(environment.getSource(), keyContext);
        }
    }
}
