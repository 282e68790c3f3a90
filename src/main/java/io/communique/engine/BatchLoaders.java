package io.communique.engine;

import graphql.ExecutionInput;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionParameters;
import graphql.schema.DataFetchingEnvironment;
import io.quarkus.arc.Unremovable;
import io.smallrye.graphql.bootstrap.DataFetcherFactory;
import io.smallrye.graphql.execution.datafetcher.helper.BatchLoaderHelper;
import io.smallrye.graphql.schema.model.Operation;
import io.smallrye.graphql.schema.model.Schema;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import org.dataloader.BatchLoaderWithContext;
import org.dataloader.DataLoader;
import org.dataloader.DataLoaderFactory;
import org.dataloader.DataLoaderRegistry;

/**
 * The DataLoaders of batched {@code @Source} fields: made per execution only for the fields it
 * reaches, one per field and distinct set of arguments, from batch loaders made once.
 *
 * <p>SmallRye 2.17 does otherwise, in its private {@code ExecutionService.getDataLoaderRegistry}:
 * <ul>
 * <li>For every execution it makes a new batch loader (a data fetcher with its reflective invoker)
 * and a DataLoader for every batched field of the schema, used or not: about a fifth of the
 * server's CPU for a {@code node} lookup (async-profiler, 2026-12-06). The batch loaders hold no
 * state of their own (SmallRye shares the same classes across requests as plain fetchers), so
 * here each is made once.</li>
 * <li>One DataLoader per field takes every parent of that field, whatever the arguments it was asked
 * with, and SmallRye runs the batch with the arguments of the first parent only: with
 * {@code a: statements(first: 1) b: statements(first: 3)}, {@code b} came back with one statement.
 * Here parents asking with different arguments go to different DataLoaders, so each batch is
 * asked one question.</li>
 * <li>Its cache key for a field with arguments is an {@code int}, a hash of the arguments and of
 * the parent's {@code hashCode}, so two parents whose identity hashes collide would share one
 * answer. Here the cache is keyed by the parent itself, within the arguments' own DataLoader.</li>
 * </ul>
 *
 * <p>SmallRye's execution is handed a schema model without batch operations
 * ({@link #withoutBatchOperations}), so it builds none of its own, and this instrumentation gives
 * every execution an empty {@link ExecutionLoaders} instead; {@link SourceBatchFetchers} loads
 * through it.
 */
@Singleton
@Unremovable
public class BatchLoaders extends SimplePerformantInstrumentation {

    /** Where an execution's GraphQL context holds the function that finds its DataLoaders ({@link #loaderFor}). */
    static final String LOADERS = "io.communique.engine.BatchLoaders.loaders";

    private final Schema schema;
    private final DataFetcherFactory fetchers = new DataFetcherFactory();
    private final BatchLoaderHelper names = new BatchLoaderHelper();
    // By SmallRye's loader name; made on first use, when the application's classes are loadable.
    private final Map<String, BatchLoaderWithContext<Object, Object>> loaders = new ConcurrentHashMap<>();
    private final Map<String, Operation> operations = new ConcurrentHashMap<>();

    // By the coordinates of the field, "Type.field".
    private final Map<String, Operation> fields = new ConcurrentHashMap<>();

    public BatchLoaders(Schema schema) {
        this.schema = schema;
        schema.getBatchOperations().forEach(operation -> {
            operations.put(names.getName(operation), operation);
            if (operation.getSourceFieldOn() != null) {
                fields.put(operation.getSourceFieldOn().getName() + "." + operation.getName(), operation);
            }
        });
    }

    /** SmallRye's operation of the batched field {@code type.field}, or null if that field is not batched. */
    Operation batchedField(String type, String field) {
        return fields.get(type + "." + field);
    }

    /**
     * The schema model SmallRye's execution service gets: the same, less the types, which is where
     * batch operations live. In 2.17 the service reads only {@code getBatchOperations()} (to build
     * its DataLoaders, which this class replaces), {@code getTypes()} (for those DataLoaders only) and
     * {@code hasSubscriptions()} from it.
     */
    public static Schema withoutBatchOperations(Schema schema) {
        Schema execution = new Schema();
        execution.setDescription(schema.getDescription());
        execution.setQueries(schema.getQueries());
        execution.setMutations(schema.getMutations());
        execution.setSubscriptions(schema.getSubscriptions());
        execution.setResolvers(schema.getResolvers());
        execution.setNamespacedQueries(schema.getNamespacedQueries());
        execution.setNamespacedMutations(schema.getNamespacedMutations());
        execution.setInputs(schema.getInputs());
        execution.setInterfaces(schema.getInterfaces());
        execution.setUnions(schema.getUnions());
        execution.setEnums(schema.getEnums());
        execution.setErrors(schema.getErrors());
        execution.setWrappedDataFetchers(schema.getWrappedDataFetchers());
        execution.setFieldDataFetchers(schema.getFieldDataFetchers());
        execution.setDirectiveTypes(schema.getDirectiveTypes());
        execution.setDirectiveInstances(schema.getDirectiveInstances());
        schema.getCustomScalarTypes().forEach(execution::addCustomScalarType);
        return execution;
    }

    @Override
    public ExecutionInput instrumentExecutionInput(ExecutionInput input, InstrumentationExecutionParameters parameters,
            InstrumentationState state) {
        ExecutionLoaders loaders = new ExecutionLoaders(this);
        BiFunction<String, Map<String, Object>, DataLoader<Object, Object>> find = loaders::of;
        input.getGraphQLContext().put(LOADERS, find);
        return input.transform(builder -> builder.dataLoaderRegistry(loaders));
    }

    /**
     * The DataLoader of a batched field for the arguments its environment holds. Only JDK and library
     * types cross here: after a dev-mode live reload the caller ({@link SourceBatchFetchers}, kept by
     * SmallRye with {@link EngineHooks}) comes from the first application class loader, and this
     * execution's loaders from the current one, so an {@code instanceof} on our own classes would fail.
     */
    static DataLoader<Object, Object> loaderFor(DataFetchingEnvironment environment, String field) {
        BiFunction<String, Map<String, Object>, DataLoader<Object, Object>> find = environment.getGraphQlContext().get(LOADERS);
        if (find == null) {
            throw new IllegalStateException("The execution has no batch loaders: is BatchLoaders in the instrumentation chain?");
        }
        return find.apply(field, environment.getArguments());
    }

    private BatchLoaderWithContext<Object, Object> loader(String name) {
        return loaders.computeIfAbsent(name, this::make);
    }

    @SuppressWarnings("unchecked")
    private BatchLoaderWithContext<Object, Object> make(String name) {
        Operation operation = operations.get(name);
        if (operation == null) {
            throw new IllegalStateException("No batched field is named " + name);
        }
        // The type argument as SmallRye's own execution service passes it.
        return (BatchLoaderWithContext<Object, Object>) (BatchLoaderWithContext<?, ?>) fetchers
                .getSourceBatchLoader(operation, schema.getTypes().get(operation.getName()));
    }

    /**
     * One execution's DataLoaders, by field and arguments. Registered in the registry graphql-java
     * dispatches level by level, each under a name of its own.
     */
    static final class ExecutionLoaders extends DataLoaderRegistry {

        private final BatchLoaders batchLoaders;
        private final Map<Asked, DataLoader<Object, Object>> byQuestion = new ConcurrentHashMap<>();
        private final AtomicInteger made = new AtomicInteger();

        ExecutionLoaders(BatchLoaders batchLoaders) {
            this.batchLoaders = batchLoaders;
        }

        /** The DataLoader of one field's parents asked with these arguments (graphql-java's coerced values). */
        DataLoader<Object, Object> of(String name, Map<String, Object> arguments) {
            // The registered instance, which is not the one passed in: the registry names its loaders by copying them.
            return byQuestion.computeIfAbsent(new Asked(name, arguments), asked -> registerAndGet(name + "#" + made.incrementAndGet(),
                    DataLoaderFactory.newDataLoader(batchLoaders.loader(name))));
        }

    }

    /**
     * A field and the arguments it was asked with. Coerced argument values are strings, numbers,
     * booleans, enum names, lists and maps, all compared by value.
     */
    private record Asked(String field, Map<String, Object> arguments) {
    }
}
