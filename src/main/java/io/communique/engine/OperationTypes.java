package io.communique.engine;

import graphql.language.Document;
import graphql.language.OperationDefinition;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.Parser;
import graphql.parser.ParserEnvironment;
import graphql.parser.ParserOptions;
import java.util.List;
import java.util.Optional;

/**
 * Which operation of a document a request would run, read before execution: so that the HTTP
 * layer can refuse a mutation or subscription sent over GET whatever validation would say of it, and
 * so that {@link NormalizingExecutionService} knows a subscription before it starts.
 */
public final class OperationTypes {

    private OperationTypes() {
    }

    /**
     * The type of the operation selected by {@code operationName} (or the document's only
     * operation), or empty when the document does not parse or selects no single operation; the
     * engine then reports that error itself, in the ordinary GraphQL shape.
     */
    public static Optional<OperationDefinition.Operation> selected(String query, String operationName) {
        if (query == null || query.isBlank()) {
            return Optional.empty(); // a persisted-query hash alone, or a missing query the engine reports
        }
        Document document;
        try {
            // The engine's own parser options (ParserLimits): with graphql-java's general defaults, a
            // document of exactly max-tokens tokens failed here but ran there, so a GET named no
            // mutation and the engine then ran one.
            document = new Parser().parseDocument(ParserEnvironment.newParserEnvironment()
                    .document(query)
                    .parserOptions(ParserOptions.getDefaultOperationParserOptions())
                    .build());
        } catch (InvalidSyntaxException e) {
            return Optional.empty();
        }
        List<OperationDefinition> operations = document.getDefinitionsOfType(OperationDefinition.class);
        if (operationName == null) {
            return operations.size() == 1 ? Optional.of(operations.get(0).getOperation()) : Optional.empty();
        }
        return operations.stream()
                .filter(op -> operationName.equals(op.getName()))
                .findFirst()
                .map(OperationDefinition::getOperation);
    }
}
