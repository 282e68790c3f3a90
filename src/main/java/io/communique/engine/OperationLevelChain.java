package io.communique.engine;

import graphql.execution.instrumentation.ChainedInstrumentation;
import graphql.execution.instrumentation.ExecuteObjectInstrumentationContext;
import graphql.execution.instrumentation.ExecutionStrategyInstrumentationContext;
import graphql.execution.instrumentation.FieldFetchingInstrumentationContext;
import graphql.execution.instrumentation.Instrumentation;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionStrategyParameters;
import graphql.execution.instrumentation.parameters.InstrumentationFieldCompleteParameters;
import graphql.execution.instrumentation.parameters.InstrumentationFieldFetchParameters;
import graphql.execution.instrumentation.parameters.InstrumentationFieldParameters;
import graphql.ExecutionResult;
import graphql.schema.DataFetcher;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;

/**
 * A chain of instrumentations that all work per operation (parse, validation, execution, result)
 * and none per field. graphql-java's {@link ChainedInstrumentation} asks every member at every
 * field, level and object, and builds a context list each time even when all of them answer with
 * nothing: about a tenth of the server's CPU on the canonical traversal's 1,700 fields. This chain
 * answers those per-field hooks once, as an instrumentation without them does, and passes the
 * per-operation ones to the members as the plain chain would.
 *
 * <p>{@link #of} checks each member at startup: a member that overrides any per-field hook gets
 * the plain chain, so a field-level instrumentation added later (SmallRye's federation tracing,
 * for one) is never silently skipped. A per-field hook that a later graphql-java adds and this
 * class does not know goes through the plain chain's code: slower, never wrong.
 */
final class OperationLevelChain extends ChainedInstrumentation {

    /** What graphql-java gets from an instrumentation that does nothing per field. */
    private static final Instrumentation NONE = SimplePerformantInstrumentation.INSTANCE;

    /** The hooks graphql-java calls per field, object or execution level rather than per operation. */
    static final List<String> FIELD_HOOKS = List.of("beginExecutionStrategy", "beginExecuteObject",
            "beginDeferredField", "beginSubscribedFieldEvent", "beginFieldExecution", "beginFieldFetch",
            "beginFieldFetching", "beginFieldCompletion", "beginFieldListCompletion", "instrumentDataFetcher");

    private OperationLevelChain(List<Instrumentation> members) {
        super(members);
    }

    /** This chain when every member is per-operation only; otherwise graphql-java's own chain. */
    static Instrumentation of(List<Instrumentation> members) {
        return members.stream().allMatch(member -> perOperationOnly(member.getClass())) ? new OperationLevelChain(members)
                : new ChainedInstrumentation(members);
    }

    /** Whether none of the per-field hooks is implemented anywhere below {@link SimplePerformantInstrumentation}. */
    static boolean perOperationOnly(Class<? extends Instrumentation> type) {
        return Arrays.stream(Instrumentation.class.getMethods())
                .filter(hook -> FIELD_HOOKS.contains(hook.getName()))
                .allMatch(hook -> inherited(type, hook));
    }

    private static boolean inherited(Class<?> type, Method hook) {
        try {
            Class<?> declaring = type.getMethod(hook.getName(), hook.getParameterTypes()).getDeclaringClass();
            return declaring == Instrumentation.class || declaring == SimplePerformantInstrumentation.class;
        } catch (NoSuchMethodException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    @Override
    public ExecutionStrategyInstrumentationContext beginExecutionStrategy(InstrumentationExecutionStrategyParameters parameters,
            InstrumentationState state) {
        return NONE.beginExecutionStrategy(parameters, null);
    }

    @Override
    public ExecuteObjectInstrumentationContext beginExecuteObject(InstrumentationExecutionStrategyParameters parameters,
            InstrumentationState state) {
        return NONE.beginExecuteObject(parameters, null);
    }

    @Override
    public InstrumentationContext<Object> beginDeferredField(InstrumentationState state) {
        return NONE.beginDeferredField(null);
    }

    @Override
    public InstrumentationContext<ExecutionResult> beginSubscribedFieldEvent(InstrumentationFieldParameters parameters,
            InstrumentationState state) {
        return NONE.beginSubscribedFieldEvent(parameters, null);
    }

    @Override
    public InstrumentationContext<Object> beginFieldExecution(InstrumentationFieldParameters parameters, InstrumentationState state) {
        return NONE.beginFieldExecution(parameters, null);
    }

    @Override
    @SuppressWarnings("deprecation")
    public InstrumentationContext<Object> beginFieldFetch(InstrumentationFieldFetchParameters parameters, InstrumentationState state) {
        return NONE.beginFieldFetch(parameters, null);
    }

    @Override
    public FieldFetchingInstrumentationContext beginFieldFetching(InstrumentationFieldFetchParameters parameters,
            InstrumentationState state) {
        return NONE.beginFieldFetching(parameters, null);
    }

    @Override
    public InstrumentationContext<Object> beginFieldCompletion(InstrumentationFieldCompleteParameters parameters,
            InstrumentationState state) {
        return NONE.beginFieldCompletion(parameters, null);
    }

    @Override
    public InstrumentationContext<Object> beginFieldListCompletion(InstrumentationFieldCompleteParameters parameters,
            InstrumentationState state) {
        return NONE.beginFieldListCompletion(parameters, null);
    }

    @Override
    public DataFetcher<?> instrumentDataFetcher(DataFetcher<?> dataFetcher, InstrumentationFieldFetchParameters parameters,
            InstrumentationState state) {
        return dataFetcher;
    }
}
