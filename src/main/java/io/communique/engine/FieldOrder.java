package io.communique.engine;

import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLFieldsContainer;
import graphql.schema.GraphQLInputObjectField;
import graphql.schema.GraphQLInputObjectType;
import graphql.schema.GraphQLInterfaceType;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLSchemaElement;
import graphql.schema.GraphQLTypeVisitorStub;
import graphql.schema.SchemaTransformer;
import graphql.util.TraversalControl;
import graphql.util.TraverserContext;
import java.util.Comparator;
import java.util.List;

/**
 * Fields and input fields in alphabetical order, in introspection as in the committed
 * {@code schema.graphql}. SmallRye lists them in the order its index yields the Java members, which
 * changes from one build to the next (the {@code Mutation} type's fields came in a different order
 * after unrelated changes), so GraphiQL's documentation and generated client code reordered
 * themselves for no reason. GitHub's schema introspects alphabetically too. Arguments keep their
 * declared order and enum values theirs (a status's values follow its lifecycle).
 */
final class FieldOrder {

    private static final Comparator<GraphQLFieldDefinition> FIELDS = Comparator.comparing(GraphQLFieldDefinition::getName);
    private static final Comparator<GraphQLInputObjectField> INPUT_FIELDS = Comparator.comparing(GraphQLInputObjectField::getName);

    private FieldOrder() {
    }

    static GraphQLSchema alphabetical(GraphQLSchema schema) {
        return SchemaTransformer.transformSchema(schema, new GraphQLTypeVisitorStub() {
            @Override
            public TraversalControl visitGraphQLObjectType(GraphQLObjectType type, TraverserContext<GraphQLSchemaElement> context) {
                return sorted(type) ? TraversalControl.CONTINUE
                        : changeNode(context, type.transform(b -> b.replaceFields(type.getFieldDefinitions().stream().sorted(FIELDS).toList())));
            }

            @Override
            public TraversalControl visitGraphQLInterfaceType(GraphQLInterfaceType type, TraverserContext<GraphQLSchemaElement> context) {
                return sorted(type) ? TraversalControl.CONTINUE
                        : changeNode(context, type.transform(b -> b.replaceFields(type.getFieldDefinitions().stream().sorted(FIELDS).toList())));
            }

            @Override
            public TraversalControl visitGraphQLInputObjectType(GraphQLInputObjectType type, TraverserContext<GraphQLSchemaElement> context) {
                List<GraphQLInputObjectField> fields = type.getFieldDefinitions();
                List<GraphQLInputObjectField> ordered = fields.stream().sorted(INPUT_FIELDS).toList();
                return fields.equals(ordered) ? TraversalControl.CONTINUE : changeNode(context, type.transform(b -> b.replaceFields(ordered)));
            }
        });
    }

    private static boolean sorted(GraphQLFieldsContainer type) {
        List<GraphQLFieldDefinition> fields = type.getFieldDefinitions();
        return fields.equals(fields.stream().sorted(FIELDS).toList());
    }
}
