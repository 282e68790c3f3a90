package io.communique.engine;

import graphql.ExecutionResult;
import graphql.execution.ExecutionContext;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.language.Field;
import graphql.language.OperationDefinition;
import graphql.language.SourceLocation;
import graphql.normalized.ExecutableNormalizedField;
import graphql.normalized.ExecutableNormalizedOperation;
import graphql.schema.DataFetchingEnvironmentImpl;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLTypeUtil;
import io.communique.errors.ApiError;
import io.communique.errors.ErrorMapper;
import io.communique.errors.OperationRefusedException;
import io.quarkus.arc.Arc;
import io.quarkus.arc.Unremovable;
import io.smallrye.graphql.execution.datafetcher.helper.ArgumentHelper;
import io.smallrye.graphql.schema.model.Argument;
import io.smallrye.graphql.schema.model.Operation;
import jakarta.inject.Singleton;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Refuses a mutation, before it writes anything, whose payload would fail on what the request alone
 * decides: an argument of a field below the mutation's field ({@code commitment { statements(first:
 * -1) }}), or the caller's role for such a field ({@code AuditEntry.actor} for an editor).
 *
 * <p>A mutation's field commits its transaction when it returns; the fields of its payload are read
 * after that. Such a field used to fail only then: the write was committed, and the client was told
 * {@code BAD_USER_INPUT} or {@code FORBIDDEN}, with the payload null, which reads as "refused". A client
 * that corrected its query and sent the mutation again wrote it twice (a second status entry).
 *
 * <p>The checks are the fields' own: every batched field below a mutation's field (every field that
 * takes arguments is one) is called once per distinct set of arguments with no parents at all, so that
 * it runs its argument and role checks and reads nothing (GraphReader and KeysetPager answer an empty
 * batch without SQL; a filter that names ids looks them up, one statement). An error of the kind a
 * client causes refuses the whole operation, as a limit does, with the field's own code and message;
 * anything else a field throws for want of parents is not a verdict, and the field decides as before
 * when it runs.
 */
@Singleton
@Unremovable
public class MutationPayloadCheck extends SimplePerformantInstrumentation {

    private static final Logger LOG = Logger.getLogger(MutationPayloadCheck.class);

    private final BatchLoaders batched;
    // Each batched field's resolver method, found once.
    private final Map<Operation, Resolver> resolvers = new ConcurrentHashMap<>();

    private record Resolver(Class<?> bean, Method method) {
    }

    public MutationPayloadCheck(BatchLoaders batched) {
        this.batched = batched;
    }

    @Override
    public InstrumentationContext<ExecutionResult> beginExecuteOperation(InstrumentationExecuteOperationParameters parameters,
            InstrumentationState state) {
        ExecutionContext context = parameters.getExecutionContext();
        if (context.getOperationDefinition().getOperation() != OperationDefinition.Operation.MUTATION) {
            return null;
        }
        // Memoized: QueryGuard built it to cost the operation.
        ExecutableNormalizedOperation operation = context.getNormalizedQueryTree().get();
        List<ApiError> refusals = new ArrayList<>();
        Set<List<Object>> checked = new HashSet<>();
        Deque<ExecutableNormalizedField> below = new ArrayDeque<>();
        operation.getTopLevelFields().forEach(root -> below.addAll(root.getChildren()));
        while (!below.isEmpty()) {
            ExecutableNormalizedField field = below.pop();
            below.addAll(field.getChildren());
            for (String type : field.getObjectTypeNames()) {
                Operation resolver = batched.batchedField(type, field.getName());
                if (resolver != null && checked.add(List.of(type, field.getName(), field.getResolvedArguments()))) {
                    ApiError refusal = check(resolver, type, field, context, operation);
                    if (refusal != null) {
                        refusals.add(refusal);
                    }
                }
            }
        }
        if (!refusals.isEmpty()) {
            throw new OperationRefusedException(refusals);
        }
        return null;
    }

    private ApiError check(Operation resolver, String type, ExecutableNormalizedField field, ExecutionContext context,
            ExecutableNormalizedOperation operation) {
        Throwable failure;
        try {
            var environment = DataFetchingEnvironmentImpl.newDataFetchingEnvironment(context)
                    .arguments(field.getResolvedArguments()).build();
            Iterator<Object> converted = new ArgumentHelper(resolver.getArguments()).getArguments(environment, true).iterator();
            List<Object> arguments = new ArrayList<>();
            for (Argument argument : resolver.getArguments()) {
                arguments.add(argument.isSourceArgument() ? List.of() : converted.next());
            }
            invoke(resolver, arguments.toArray());
            return null;
        } catch (InvocationTargetException e) {
            failure = e.getCause();
        } catch (Exception e) {
            failure = e;
        }
        List<SourceLocation> locations = operation.getMergedField(field).getFields().stream().map(Field::getSourceLocation).toList();
        ApiError refusal = ErrorMapper.clientError(failure, locations, path(field, context));
        if (refusal == null) {
            LOG.debugf("%s.%s could not be checked before the mutation: %s", type, field.getName(), failure);
        }
        return refusal;
    }

    /** The resolver, called on its bean as SmallRye calls it (through the bean's client proxy). */
    private void invoke(Operation resolver, Object[] arguments) throws ReflectiveOperationException {
        Resolver found = resolvers.get(resolver);
        if (found == null) {
            found = find(resolver, arguments.length);
            resolvers.put(resolver, found);
        }
        found.method().invoke(Arc.container().instance(found.bean()).get(), arguments);
    }

    private static Resolver find(Operation resolver, int parameters) throws ReflectiveOperationException {
        // By name in the current application class loader, as BatchLoaders loads it (a dev-mode reload makes new classes,
        // and a new bean of this class with them).
        Class<?> beanClass = Class.forName(resolver.getClassName(), true, Thread.currentThread().getContextClassLoader());
        for (Method method : beanClass.getMethods()) {
            if (method.getName().equals(resolver.getMethodName()) && method.getParameterCount() == parameters) {
                return new Resolver(beanClass, method);
            }
        }
        throw new NoSuchMethodException(resolver.getClassName() + "." + resolver.getMethodName());
    }

    /**
     * The field's path in the response, from the mutation's field down, when it is one place: below a list
     * it would need the index of an item that does not exist yet, and is left out (the locations remain).
     */
    private static List<Object> path(ExecutableNormalizedField field, ExecutionContext context) {
        List<Object> path = new ArrayList<>();
        for (ExecutableNormalizedField f = field; f != null; f = f.getParent()) {
            if (f != field) {
                for (GraphQLFieldDefinition definition : f.getFieldDefinitions(context.getGraphQLSchema())) {
                    if (GraphQLTypeUtil.unwrapNonNull(definition.getType()) instanceof GraphQLList) {
                        return null;
                    }
                }
            }
            path.add(0, f.getResultKey());
        }
        return path;
    }
}
