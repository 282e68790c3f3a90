package io.communique.engine;

import graphql.Directives;
import graphql.GraphQL;
import graphql.execution.instrumentation.ChainedInstrumentation;
import graphql.execution.instrumentation.Instrumentation;
import graphql.schema.GraphQLSchema;
import io.communique.limits.QueryGuard;
import io.communique.ops.OperationMetrics;
import io.quarkus.arc.Arc;
import io.quarkus.arc.ClientProxy;
import io.smallrye.graphql.schema.model.Operation;
import io.smallrye.graphql.spi.EventingService;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Adds {@link BatchLoaders} (the DataLoaders of batched fields), {@link QueryGuard} (limits),
 * {@link MutationPayloadCheck} (a mutation's payload checked before it writes),
 * {@link ResponseCachePolicy} (what may be cached, and when a mutation retires it) and
 * {@link OperationMetrics} (per-operation timers) to the
 * graphql-java engine SmallRye builds, in a chain that skips per-field hooks none of them has
 * ({@link OperationLevelChain}), and swaps the fetchers of batched {@code @Source} fields for
 * lighter ones ({@link SourceBatchFetchers}), drops a field-visibility filter that filters
 * nothing ({@link FieldVisibility}) and coerces {@code Int}, {@code Float} and {@code Date} inputs as the spec
 * says ({@link StrictScalars}). SmallRye loads this class
 * with {@link java.util.ServiceLoader} (META-INF/services) and, as its config key is null, calls
 * it whether or not SmallRye's CDI events are enabled (enabling them would fire a CDI event for
 * every field fetched).
 */
public class EngineHooks implements EventingService {

    private static final Logger LOG = Logger.getLogger(EngineHooks.class);

    private final SourceBatchFetchers batchFetchers = new SourceBatchFetchers();
    // The last schema SmallRye built from, and what the engine executes for it (see executed()).
    private GraphQLSchema source;
    private GraphQLSchema executed;

    @Override
    public String getConfigKey() {
        return null;
    }

    @Override
    public Operation createOperation(Operation operation) {
        batchFetchers.remember(operation);
        return operation;
    }

    /**
     * The schema as clients see it ({@link PublicSchema}), set here rather than in {@link #executed} so
     * that SmallRye's schema bean, which {@code GET /graphql/schema.graphql} prints, says the same as
     * introspection.
     */
    @Override
    public GraphQLSchema.Builder beforeSchemaBuild(GraphQLSchema.Builder builder) {
        // graphql-java 24 honours @experimental_disableErrorPropagation unless this JVM-wide switch is
        // off: a client could then get null for a field the schema declares non-null. It is read at
        // every execution, and this server runs one engine.
        Directives.setExperimentalDisableErrorPropagationEnabled(false);
        return GraphQLSchema.newSchema(PublicSchema.apply(builder.build()));
    }

    @Override
    public GraphQL.Builder beforeGraphQLBuild(GraphQL.Builder builder) {
        // The builder has no getters: build once to read the schema and the instrumentations SmallRye
        // set up (its query cache among them), then chain ours after them so they see its work.
        GraphQL built = builder.build();
        List<Instrumentation> chain = new ArrayList<>();
        flatten(built.getInstrumentation(), chain);
        chain.add(current(BatchLoaders.class));
        chain.add(current(QueryGuard.class));
        chain.add(current(MutationPayloadCheck.class));
        chain.add(current(ResponseCachePolicy.class));
        chain.add(current(SubscriptionRootCheck.class));
        chain.add(current(OperationMetrics.class));
        chain.add(current(VariableErrorLocator.class));
        Instrumentation instrumentation = OperationLevelChain.of(chain);
        if (!(instrumentation instanceof OperationLevelChain)) {
            LOG.warnf("An instrumentation with per-field hooks is installed (%s): every field fetched now goes"
                    + " through graphql-java's full chain", chain.stream().map(i -> i.getClass().getName()).toList());
        }
        return builder.schema(executed(built.getGraphQLSchema())).instrumentation(instrumentation);
    }

    /**
     * The schema the engine executes, made once per schema SmallRye built. SmallRye builds its engine
     * lazily and without a lock, so simultaneous first requests build it more than once; each build
     * used to transform the schema again, and building a schema resolves type references in place, in
     * the elements the transformations share. Two at once left one engine with arguments whose input
     * types were the other's: "Variable 'input' of type 'X!' used in position expecting type 'X!'".
     */
    private synchronized GraphQLSchema executed(GraphQLSchema built) {
        if (built != source) {
            executed = IntrospectionNulls.asDefault(StrictScalars.apply(FieldOrder.alphabetical(
                    FieldVisibility.withoutNoOpFilter(batchFetchers.lighten(built)))));
            source = built;
        }
        return executed;
    }

    /**
     * One flat chain rather than SmallRye's chain inside ours, so that {@link OperationLevelChain}
     * sees every member: a nested chain is itself an instrumentation with per-field hooks.
     */
    private static void flatten(Instrumentation instrumentation, List<Instrumentation> into) {
        if (instrumentation instanceof ChainedInstrumentation chained) {
            chained.getInstrumentations().forEach(inner -> flatten(inner, into));
        } else {
            into.add(instrumentation);
        }
    }

    /**
     * SmallRye keeps the first instance of this class for the life of its own class loader; after a
     * dev-mode live reload the application's classes are new, so each instrumentation is looked up
     * by name in the current application class loader rather than through this class's own reference.
     */
    private static Instrumentation current(Class<? extends Instrumentation> wanted) {
        Class<?> type = wanted;
        ClassLoader application = Thread.currentThread().getContextClassLoader();
        if (application != null) {
            try {
                type = Class.forName(wanted.getName(), false, application);
            } catch (ClassNotFoundException notThere) {
                // Same loader as this class: keep the direct reference.
            }
        }
        Object instrumentation = Arc.container().instance(type).get();
        if (instrumentation == null) {
            throw new IllegalStateException("No " + wanted.getSimpleName() + " bean: the engine cannot be set up");
        }
        // The bean itself, not its client proxy: the engine calls it several times per field.
        return (Instrumentation) ClientProxy.unwrap(instrumentation);
    }
}
