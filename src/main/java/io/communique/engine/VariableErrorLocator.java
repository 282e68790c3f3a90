package io.communique.engine;

import graphql.ExecutionResult;
import graphql.GraphQLContext;
import graphql.GraphQLError;
import graphql.execution.InputMapDefinesTooManyFieldsException;
import graphql.execution.NonNullableValueCoercedAsNullException;
import graphql.execution.TypeFromAST;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionParameters;
import graphql.language.Document;
import graphql.language.NodeUtil;
import graphql.language.OperationDefinition;
import graphql.language.VariableDefinition;
import graphql.parser.Parser;
import graphql.schema.CoercingParseValueException;
import graphql.schema.GraphQLEnumType;
import graphql.schema.GraphQLInputObjectField;
import graphql.schema.GraphQLInputObjectType;
import graphql.schema.GraphQLInputType;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLNonNull;
import graphql.schema.GraphQLScalarType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;
import io.communique.errors.VariableValueError;
import io.quarkus.arc.Unremovable;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Says where in a variable's value graphql-java's coercion failed. graphql-java stops at the first
 * wrong value and names only the variable ("Variable 'input' has an invalid value: Int cannot
 * represent 0.9999"); GitHub and graphql-js name the place ({@code input.expectedVersion}). Only a
 * response that failed on its variables (no data, one of graphql-java's three variable errors) is
 * looked at: the value is walked in graphql-java's own order (a variable's fields as sent, then the
 * type's fields as defined, list items in order), with the same schema and scalars, to the first
 * wrong part, and the error is handed on as a {@link VariableValueError} for {@code ErrorMapper} to word.
 * Installed by {@link EngineHooks}.
 */
@ApplicationScoped
@Unremovable
public class VariableErrorLocator extends SimplePerformantInstrumentation {

    @Override
    public CompletableFuture<ExecutionResult> instrumentExecutionResult(ExecutionResult result,
            InstrumentationExecutionParameters parameters, InstrumentationState state) {
        if (result.isDataPresent() || result.getErrors().size() != 1 || !aboutVariables(result.getErrors().get(0))) {
            return CompletableFuture.completedFuture(result);
        }
        Optional<VariableValueError> located = locate(result.getErrors().get(0), parameters);
        return CompletableFuture.completedFuture(located.isEmpty() ? result
                : result.transform(b -> b.errors(List.of(located.get()))));
    }

    private static boolean aboutVariables(GraphQLError error) {
        return error instanceof CoercingParseValueException || error instanceof NonNullableValueCoercedAsNullException
                || error instanceof InputMapDefinesTooManyFieldsException;
    }

    private static Optional<VariableValueError> locate(GraphQLError error, InstrumentationExecutionParameters parameters) {
        GraphQLSchema schema = parameters.getSchema();
        Map<String, Object> variables = parameters.getVariables();
        Walk walk = new Walk(parameters.getExecutionInput().getGraphQLContext(), parameters.getExecutionInput().getLocale());
        try {
            Document document = Parser.parse(parameters.getQuery());
            OperationDefinition operation = NodeUtil.getOperation(document, parameters.getOperation()).operationDefinition;
            for (VariableDefinition definition : operation.getVariableDefinitions()) {
                String name = definition.getName();
                if (!variables.containsKey(name)) {
                    continue; // absent: its default applies, or graphql-java said "must not be null" itself
                }
                GraphQLType type = TypeFromAST.getTypeFromAST(schema, definition.getType());
                List<Object> at = new ArrayList<>(List.of(name));
                if (type instanceof GraphQLInputType declared && walk.wrong(declared, variables.get(name), at)) {
                    return Optional.of(new VariableValueError(error, at, GraphQLTypeUtil.simplePrint(walk.expected)));
                }
            }
        } catch (RuntimeException unexpected) {
            // Only the message's wording depends on this: graphql-java's error goes out as it is.
        }
        return Optional.empty();
    }

    /** One walk over a value; {@code at} is the path so far, left at the first wrong part, whose type is {@link #expected}. */
    private static final class Walk {
        private final GraphQLContext context;
        private final Locale locale;
        private GraphQLInputType expected;

        Walk(GraphQLContext context, Locale locale) {
            this.context = context;
            this.locale = locale;
        }

        boolean wrong(GraphQLInputType type, Object value, List<Object> at) {
            expected = type;
            if (type instanceof GraphQLNonNull nonNull) {
                return value == null || wrong((GraphQLInputType) nonNull.getWrappedType(), value, at);
            }
            if (value == null) {
                return false;
            }
            if (type instanceof GraphQLList list) {
                GraphQLInputType item = (GraphQLInputType) list.getWrappedType();
                if (!(value instanceof Iterable<?> items)) {
                    return wrong(item, value, at); // a single value stands for a list of one
                }
                int index = 0;
                for (Object element : items) {
                    at.add(index++);
                    if (wrong(item, element, at)) {
                        return true;
                    }
                    at.remove(at.size() - 1);
                }
                return false;
            }
            if (type instanceof GraphQLInputObjectType object) {
                return !(value instanceof Map<?, ?> fields) || wrongFields(object, fields, at);
            }
            try {
                if (type instanceof GraphQLScalarType scalar) {
                    scalar.getCoercing().parseValue(value, context, locale);
                } else if (type instanceof GraphQLEnumType enumeration) {
                    enumeration.parseValue(value, context, locale);
                }
                return false;
            } catch (CoercingParseValueException refused) {
                return true;
            }
        }

        private boolean wrongFields(GraphQLInputObjectType object, Map<?, ?> fields, List<Object> at) {
            for (Object name : fields.keySet()) {
                if (object.getField(String.valueOf(name)) == null) {
                    at.add(String.valueOf(name));
                    expected = object; // the type that lacks the field
                    return true;
                }
            }
            for (GraphQLInputObjectField field : object.getFieldDefinitions()) {
                at.add(field.getName());
                boolean given = fields.containsKey(field.getName());
                if (!given && GraphQLNonNull.class.isInstance(field.getType()) && !field.hasSetDefaultValue()) {
                    expected = field.getType();
                    return true;
                }
                if (given && wrong(field.getType(), fields.get(field.getName()), at)) {
                    return true;
                }
                at.remove(at.size() - 1);
            }
            return false;
        }
    }
}
