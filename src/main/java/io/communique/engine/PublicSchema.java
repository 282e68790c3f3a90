package io.communique.engine;

import graphql.Scalars;
import graphql.schema.GraphQLAppliedDirective;
import graphql.schema.GraphQLAppliedDirectiveArgument;
import graphql.schema.GraphQLArgument;
import graphql.schema.GraphQLDirective;
import graphql.schema.GraphQLDirectiveContainer;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLFieldsContainer;
import graphql.schema.GraphQLInputObjectField;
import graphql.schema.GraphQLInputObjectType;
import graphql.schema.GraphQLNamedType;
import graphql.schema.GraphQLNonNull;
import graphql.schema.GraphQLScalarType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLSchemaElement;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;
import graphql.schema.GraphQLTypeVisitorStub;
import graphql.schema.SchemaTransformer;
import graphql.schema.idl.SchemaPrinter;
import graphql.util.TraversalControl;
import graphql.util.TraverserContext;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the schema tells clients, set before SmallRye builds it, so that introspection, GraphiQL's
 * docs pane and {@code GET /graphql/schema.graphql} (and so the committed schema.graphql) say the same:
 * <ul>
 * <li>Every custom scalar says what it accepts and returns, and names the standard it follows
 * ({@code specifiedByURL}, spec October 2021, 3.5.5). SmallRye describes its own as "Scalar for Date".</li>
 * <li>Scalars no field or argument uses are left out: SmallRye adds {@code BigDecimal} and
 * {@code BigInteger} to every schema, and a client would map them for nothing.</li>
 * <li>SmallRye's {@code @constraint} and {@code @rolesAllowed} are left out, definitions and uses: they
 * document Bean Validation and security annotations in printed SDL, where this schema's descriptions
 * already say the rules, and clients cannot use them in a document.</li>
 * <li>graphql-java defines {@code @defer} and {@code @experimental_disableErrorPropagation} in every schema
 * it builds and cannot be told not to; their descriptions here say what this server does with them
 * (see {@link EngineHooks}: incremental delivery is off, and error propagation cannot be disabled).</li>
 * </ul>
 */
public final class PublicSchema {

    /** RFC 3339, section 5.6: the ABNF of {@code full-date} and {@code date-time}. */
    static final String RFC_3339 = "https://www.rfc-editor.org/rfc/rfc3339#section-5.6";
    static final String RFC_8259 = "https://www.rfc-editor.org/rfc/rfc8259";

    private record Scalar(String description, String specifiedBy) {
    }

    private static final Map<String, Scalar> SCALARS = Map.of(
            "Date", new Scalar("A calendar date, without time or time zone: an RFC 3339 `full-date` such as `2023-11-10`,"
                    + " years 0001 to 9999. Any other value given for a Date is refused before execution"
                    + " (`VALIDATION_FAILED` in the document, `BAD_USER_INPUT` in a variable).", RFC_3339),
            "DateTime", new Scalar("An instant: an RFC 3339 `date-time` with seconds and an offset from UTC, such as"
                    + " `2023-11-12T04:30:00Z` or `2023-11-12T10:00:00.123456+05:30`. A fraction of a second is given"
                    + " when it is not zero, without trailing zeros (to the microsecond, as stored); compare instants,"
                    + " not strings. Only returned: no argument takes a DateTime.", RFC_3339),
            "JSON", new Scalar("Any JSON value, in the response as JSON itself (an object is an object, not a string"
                    + " holding one). As an argument, a JSON value in the variables or a GraphQL literal of the same"
                    + " shape.", RFC_8259));

    /** Schema-documentation directives SmallRye adds; none is usable in a document. */
    private static final Set<String> REMOVED_DIRECTIVES = Set.of("constraint", "rolesAllowed");

    private static final Map<String, String> DIRECTIVE_DESCRIPTIONS = Map.of(
            "defer", "Accepted and ignored: the fragment's fields come in the one response with the rest"
                    + " (incremental delivery is not offered). Defined by graphql-java in every schema.",
            "experimental_disableErrorPropagation", "Accepted and ignored: a non-null field that fails still"
                    + " makes its parent null, as the GraphQL spec says. Defined by graphql-java in every schema.");

    /** The directives every GraphQL tool knows without a definition (graphql-js's specifiedDirectives). */
    private static final Set<String> STANDARD_DIRECTIVES = Set.of("skip", "include", "deprecated", "specifiedBy", "oneOf");

    private PublicSchema() {
    }

    static GraphQLSchema apply(GraphQLSchema schema) {
        GraphQLSchema described = SchemaTransformer.transformSchema(schema, new GraphQLTypeVisitorStub() {
            @Override
            public TraversalControl visitGraphQLScalarType(GraphQLScalarType scalar, TraverserContext<GraphQLSchemaElement> context) {
                Scalar documented = SCALARS.get(scalar.getName());
                if (documented == null) {
                    return TraversalControl.CONTINUE;
                }
                GraphQLAppliedDirective specifiedBy = GraphQLAppliedDirective.newDirective().name("specifiedBy")
                        .argument(GraphQLAppliedDirectiveArgument.newArgument().name("url")
                                .type(GraphQLNonNull.nonNull(Scalars.GraphQLString)).valueProgrammatic(documented.specifiedBy()))
                        .build();
                // specifiedByURL is what introspection reports; the applied directive is what the SDL printer prints.
                return changeNode(context, scalar.transform(builder -> builder.description(documented.description())
                        .specifiedByUrl(documented.specifiedBy()).replaceAppliedDirectives(List.of(specifiedBy))));
            }

            @Override
            public TraversalControl visitGraphQLDirective(GraphQLDirective directive, TraverserContext<GraphQLSchemaElement> context) {
                if (REMOVED_DIRECTIVES.contains(directive.getName())) {
                    return deleteNode(context);
                }
                String description = DIRECTIVE_DESCRIPTIONS.get(directive.getName());
                return description == null || context.getParentNode() instanceof GraphQLDirectiveContainer ? TraversalControl.CONTINUE
                        : changeNode(context, directive.transform(builder -> builder.description(description)));
            }

            @Override
            public TraversalControl visitGraphQLAppliedDirective(GraphQLAppliedDirective directive,
                    TraverserContext<GraphQLSchemaElement> context) {
                return REMOVED_DIRECTIVES.contains(directive.getName()) ? deleteNode(context) : TraversalControl.CONTINUE;
            }
        });
        Set<String> used = usedTypeNames(described);
        return described.transform(builder -> {
            builder.clearAdditionalTypes();
            for (GraphQLType type : described.getAdditionalTypes()) {
                if (!(type instanceof GraphQLScalarType scalar) || used.contains(scalar.getName())) {
                    builder.additionalType(type);
                }
            }
        });
    }

    /** The schema as SDL, for {@code GET /graphql/schema.graphql}: descriptions as strings, scalars and non-standard directives declared. */
    public static String print(GraphQLSchema schema) {
        return new SchemaPrinter(SchemaPrinter.Options.defaultOptions()
                .descriptionsAsHashComments(false)
                .includeIntrospectionTypes(false)
                .includeScalarTypes(true)
                .includeSchemaDefinition(false)
                .useAstDefinitions(false)
                .includeDirectives(true)
                // A tool that reads the file knows the standard directives; it must be told of the others to accept them.
                .includeDirectiveDefinition(name -> !STANDARD_DIRECTIVES.contains(name)))
                .print(schema);
    }

    /** Names of the types a field, argument or input field refers to. */
    private static Set<String> usedTypeNames(GraphQLSchema schema) {
        Set<String> used = new HashSet<>();
        for (GraphQLNamedType type : schema.getAllTypesAsList()) {
            if (type instanceof GraphQLFieldsContainer fields) {
                for (GraphQLFieldDefinition field : fields.getFieldDefinitions()) {
                    used.add(name(field.getType()));
                    field.getArguments().forEach(argument -> used.add(name(argument.getType())));
                }
            } else if (type instanceof GraphQLInputObjectType input) {
                for (GraphQLInputObjectField field : input.getFieldDefinitions()) {
                    used.add(name(field.getType()));
                }
            }
        }
        for (GraphQLDirective directive : schema.getDirectives()) {
            for (GraphQLArgument argument : directive.getArguments()) {
                used.add(name(argument.getType()));
            }
        }
        return used;
    }

    private static String name(GraphQLType type) {
        return GraphQLTypeUtil.unwrapAll(type).getName();
    }
}
