package io.communique.engine;

import graphql.GraphQLContext;
import graphql.execution.CoercedVariables;
import graphql.language.BooleanValue;
import graphql.language.FloatValue;
import graphql.language.IntValue;
import graphql.language.StringValue;
import graphql.language.Value;
import graphql.schema.Coercing;
import graphql.schema.CoercingParseLiteralException;
import graphql.schema.CoercingParseValueException;
import graphql.schema.CoercingSerializeException;
import graphql.schema.GraphQLCodeRegistry;
import graphql.schema.GraphQLInterfaceType;
import graphql.schema.GraphQLNamedType;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLScalarType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLSchemaElement;
import graphql.schema.GraphQLTypeVisitorStub;
import graphql.schema.GraphQLUnionType;
import graphql.schema.SchemaTransformer;
import graphql.schema.TypeResolver;
import graphql.util.TraversalControl;
import graphql.util.TraverserContext;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.function.Function;

/**
 * {@code Int} and {@code Float} inputs coerced as the GraphQL spec says (3.5.1, 3.5.2), and
 * {@code Date} inputs checked as ISO-8601 dates, before SmallRye's own coercing converts them.
 *
 * <p>SmallRye 2.17 replaces graphql-java's scalars with lenient ones: an {@code Int} took the string
 * {@code "2"}, the literal {@code 2.0}, and a variable of {@code 0.9999} inside an input object,
 * truncated to 0 (so {@code expectedVersion: 0.9999} passed the optimistic lock as version 0 and
 * wrote); a literal past 32 bits wrapped around ({@code 99999999999} read as 1,215,752,191); a
 * variable of {@code 1.5} or past 32 bits reached a resolver and failed there as INTERNAL. Here an
 * {@code Int} is a JSON number with an integral value (so {@code 2.0} and {@code 1e1} in JSON, as
 * JavaScript clients send them) or an integer literal, within 32 bits; a {@code Float} is a finite
 * JSON number or an integer or float literal. Anything else is a request error naming the value.
 *
 * <p>SmallRye's {@code Date} took any string and failed only when it converted the argument, so
 * {@code heldOn: {from: "2024-13-45"}} came back as "Argument 'filter' has an invalid value", at the
 * field, without saying which value or what a date looks like. Here a {@code Date} is a string that
 * {@link LocalDate#parse} reads ({@code 2023-11-10}) with a year from 0001 to 9999; a literal that is not is a validation error
 * naming the argument's path, a variable a request error naming the value.
 *
 * <p>graphql-java's {@code ID} turned any variable value into a string ({@code String.valueOf}):
 * {@code true}, {@code 1.5} and {@code {"a":1}} reached resolvers as "true", "1.5" and "{a=1}" and
 * failed there as field errors, the operation having run. Here an {@code ID} variable is a string
 * or, as the spec says (3.5.5), an integer, read as its decimal digits; an integral JSON number
 * ({@code 4.0}, {@code 1e1}) counts as an integer, as it does for {@code Int}, and reads {@code "4"},
 * {@code "10"}. Literals were already refused by graphql-java's own check, which is kept.
 */
final class StrictScalars {

    private static final BigDecimal INT_MIN = BigDecimal.valueOf(Integer.MIN_VALUE);
    private static final BigDecimal INT_MAX = BigDecimal.valueOf(Integer.MAX_VALUE);
    private static final Pattern FULL_DATE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");

    private StrictScalars() {
    }

    static GraphQLSchema apply(GraphQLSchema schema) {
        GraphQLSchema strict = SchemaTransformer.transformSchema(schema, new GraphQLTypeVisitorStub() {
            @Override
            public TraversalControl visitGraphQLScalarType(GraphQLScalarType scalar, TraverserContext<GraphQLSchemaElement> context) {
                @SuppressWarnings("unchecked")
                Coercing<Object, Object> lenient = (Coercing<Object, Object>) scalar.getCoercing();
                Coercing<Object, Object> strict = switch (scalar.getName()) {
                    case "Int" -> new StrictNumber(lenient, true);
                    case "Float" -> new StrictNumber(lenient, false);
                    case "Date" -> new StrictDate(lenient);
                    case "ID" -> new StrictId(lenient);
                    default -> null;
                };
                return strict == null ? TraversalControl.CONTINUE
                        : changeNode(context, scalar.transform(builder -> builder.coercing(strict)));
            }
        });
        return strict.transform(builder -> builder.codeRegistry(sameTypes(strict)));
    }

    /**
     * The transformation makes new object types; SmallRye's type resolvers still return the old ones,
     * and graphql-java matches a fragment's type condition by identity, so {@code ... on Statement}
     * would match nothing. Each resolver's answer is looked up by name in the executing schema.
     */
    private static GraphQLCodeRegistry sameTypes(GraphQLSchema schema) {
        GraphQLCodeRegistry registry = schema.getCodeRegistry();
        return registry.transform(builder -> {
            for (GraphQLNamedType type : schema.getAllTypesAsList()) {
                TypeResolver resolver = type instanceof GraphQLInterfaceType i ? registry.getTypeResolver(i)
                        : type instanceof GraphQLUnionType u ? registry.getTypeResolver(u) : null;
                if (resolver != null) {
                    builder.typeResolver(type.getName(), environment -> {
                        GraphQLObjectType resolved = resolver.getType(environment);
                        return resolved == null ? null : environment.getSchema().getObjectType(resolved.getName());
                    });
                }
            }
        });
    }

    /** Checks inputs before SmallRye's coercing reads them; output goes to SmallRye's as it is. */
    private interface Checking extends Coercing<Object, Object> {

        Coercing<Object, Object> lenient();

        @Override
        default Object serialize(Object value, GraphQLContext context, Locale locale) throws CoercingSerializeException {
            return lenient().serialize(value, context, locale);
        }

        @Override
        default Value<?> valueToLiteral(Object input, GraphQLContext context, Locale locale) {
            return lenient().valueToLiteral(input, context, locale);
        }
    }

    private record StrictNumber(Coercing<Object, Object> lenient, boolean integer) implements Checking {

        private String type() {
            return integer ? "Int" : "Float";
        }

        @Override
        public Object parseValue(Object input, GraphQLContext context, Locale locale) throws CoercingParseValueException {
            BigDecimal number = input instanceof Number n ? decimal(n) : null;
            if (number == null) {
                throw new CoercingParseValueException(type() + " cannot represent " + shown(input) + ": it is not a number.");
            }
            if (integer) {
                requireInt(number, shown(input), CoercingParseValueException::new);
            }
            return lenient.parseValue(input, context, locale);
        }

        @Override
        public Object parseLiteral(Value<?> input, CoercedVariables variables, GraphQLContext context, Locale locale)
                throws CoercingParseLiteralException {
            if (input instanceof IntValue value) {
                if (integer) {
                    requireInt(new BigDecimal(value.getValue()), shown(value.getValue()), CoercingParseLiteralException::new);
                }
            } else if (!(input instanceof FloatValue) || integer) {
                throw new CoercingParseLiteralException(type() + " cannot represent " + shown(literal(input))
                        + (integer ? ": it is not an integer." : ": it is not a number."));
            }
            return lenient.parseLiteral(input, variables, context, locale);
        }

        private static void requireInt(BigDecimal number, String shown, Function<String, RuntimeException> error) {
            if (number.stripTrailingZeros().scale() > 0) {
                throw error.apply("Int cannot represent " + shown + ": it is not an integer.");
            }
            if (number.compareTo(INT_MIN) < 0 || number.compareTo(INT_MAX) > 0) {
                throw error.apply("Int cannot represent " + shown + ": it is outside the 32-bit range.");
            }
        }

        /** The number's exact value; null for a float that is not finite. */
        private static BigDecimal decimal(Number number) {
            if (number instanceof BigDecimal d) {
                return d;
            }
            if (number instanceof BigInteger i) {
                return new BigDecimal(i);
            }
            if (number instanceof Double || number instanceof Float) {
                double d = number.doubleValue();
                return Double.isFinite(d) ? BigDecimal.valueOf(d) : null;
            }
            return BigDecimal.valueOf(number.longValue());
        }
    }

    private record StrictDate(Coercing<Object, Object> lenient) implements Checking {

        @Override
        public Object parseValue(Object input, GraphQLContext context, Locale locale) throws CoercingParseValueException {
            if (!(input instanceof String text) || !isDate(text)) {
                throw new CoercingParseValueException(refusal(input));
            }
            return lenient.parseValue(input, context, locale);
        }

        @Override
        public Object parseLiteral(Value<?> input, CoercedVariables variables, GraphQLContext context, Locale locale)
                throws CoercingParseLiteralException {
            if (!(input instanceof StringValue text) || !isDate(text.getValue())) {
                throw new CoercingParseLiteralException(refusal(literal(input)));
            }
            return lenient.parseLiteral(input, variables, context, locale);
        }

        /**
         * RFC 3339's full-date, years 0001 to 9999. LocalDate alone also reads "+999999999-12-31" and
         * "0000-01-01", which PostgreSQL's date type cannot hold: such a filter failed in SQL as INTERNAL.
         */
        private static boolean isDate(String text) {
            if (!FULL_DATE.matcher(text).matches()) {
                return false;
            }
            try {
                return LocalDate.parse(text).getYear() >= 1;
            } catch (DateTimeParseException e) {
                return false;
            }
        }

        private static String refusal(Object input) {
            return "Date cannot represent " + shown(input) + ": it is not a date such as \"2023-11-10\""
                    + " (ISO-8601, years 0001 to 9999).";
        }
    }

    private record StrictId(Coercing<Object, Object> lenient) implements Checking {

        /** No id is longer; {@code 1e100000} in a small request would otherwise become 100,000 digits. */
        private static final int MAX_DIGITS = 100;

        @Override
        public Object parseValue(Object input, GraphQLContext context, Locale locale) throws CoercingParseValueException {
            if (input instanceof String) {
                return lenient.parseValue(input, context, locale);
            }
            BigDecimal number = input instanceof Number n ? StrictNumber.decimal(n) : null;
            if (number == null || number.stripTrailingZeros().scale() > 0) {
                throw new CoercingParseValueException("ID cannot represent " + shown(input) + ": it is not a string or an integer.");
            }
            if (number.precision() - number.scale() > MAX_DIGITS) {
                throw new CoercingParseValueException("ID cannot represent " + shown(input) + ": it has more than "
                        + MAX_DIGITS + " digits.");
            }
            // Not String.valueOf: 4.0 would read "4.0" and 1e1 "1E+1", where the integer they stand for is 4 and 10.
            return number.toBigIntegerExact().toString();
        }

        @Override
        public Object parseLiteral(Value<?> input, CoercedVariables variables, GraphQLContext context, Locale locale)
                throws CoercingParseLiteralException {
            return lenient.parseLiteral(input, variables, context, locale);
        }
    }

    /** A literal's value, for {@link #shown}. */
    private static Object literal(Value<?> input) {
        return input instanceof StringValue v ? v.getValue()
                : input instanceof IntValue v ? v.getValue()
                : input instanceof FloatValue v ? v.getValue()
                : input instanceof BooleanValue v ? v.isValue()
                : "that literal";
    }

    /** The value as the client wrote it, short: a string in quotes, never a Java class name. */
    private static String shown(Object input) {
        String text = input instanceof String s ? "\"" + s + "\""
                : input instanceof Number || input instanceof Boolean ? String.valueOf(input)
                : input == null ? "null" : "that value";
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }
}
