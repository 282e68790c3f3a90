package io.communique.engine;

import graphql.execution.AbortExecutionException;
import graphql.execution.instrumentation.DocumentAndVariables;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionParameters;
import graphql.language.Directive;
import graphql.language.DirectivesContainer;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.language.SourceLocation;
import io.communique.errors.ApiError;
import io.communique.errors.ErrorCodes;
import io.quarkus.arc.Unremovable;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A subscription may not make its root field conditional ({@code @skip}, {@code @include}), as the
 * GraphQL specification's draft and graphql-js 17 say: it always subscribes to exactly one field.
 * graphql-java 24's own rule (SubscriptionUniqueRootField) reads the first root field of what is
 * left once skipped fields are gone, and when none is left it throws, which came back as
 * {@code INTERNAL}, logged as a server fault. Checked after parsing, before graphql-java validates.
 * Installed by {@link EngineHooks}.
 */
@ApplicationScoped
@Unremovable
public class SubscriptionRootCheck extends SimplePerformantInstrumentation {

    private static final Set<String> CONDITIONS = Set.of("skip", "include");

    @Override
    public DocumentAndVariables instrumentDocumentAndVariables(DocumentAndVariables documentAndVariables,
            InstrumentationExecutionParameters parameters, InstrumentationState state) {
        var document = documentAndVariables.getDocument();
        List<OperationDefinition> subscriptions = document.getDefinitionsOfType(OperationDefinition.class).stream()
                .filter(operation -> operation.getOperation() == OperationDefinition.Operation.SUBSCRIPTION)
                .toList();
        if (subscriptions.isEmpty()) {
            return documentAndVariables;
        }
        Map<String, FragmentDefinition> fragments = document.getDefinitionsOfType(FragmentDefinition.class).stream()
                .collect(Collectors.toMap(FragmentDefinition::getName, Function.identity(), (first, again) -> first));
        for (OperationDefinition subscription : subscriptions) {
            Optional<Directive> conditional = conditional(subscription.getSelectionSet(), fragments, new HashSet<>());
            if (conditional.isPresent()) {
                String name = subscription.getName() == null ? "An anonymous subscription" : "Subscription '" + subscription.getName() + "'";
                SourceLocation at = conditional.get().getSourceLocation();
                throw new AbortExecutionException(List.of(ApiError.of(ErrorCodes.VALIDATION_FAILED, name + " must not use @"
                        + conditional.get().getName() + " in its top-level selection: a subscription always has exactly one root field.",
                        at == null ? null : List.of(at), null)));
            }
        }
        return documentAndVariables;
    }

    /** The first @skip or @include on a root selection, through fragments (each looked at once: cycles are validation's). */
    private static Optional<Directive> conditional(SelectionSet selections, Map<String, FragmentDefinition> fragments, Set<String> seen) {
        if (selections == null) {
            return Optional.empty();
        }
        for (Selection<?> selection : selections.getSelections()) {
            if (selection instanceof DirectivesContainer<?> directed) {
                Optional<Directive> found = directed.getDirectives().stream().filter(d -> CONDITIONS.contains(d.getName())).findFirst();
                if (found.isPresent()) {
                    return found;
                }
            }
            SelectionSet inner = selection instanceof InlineFragment inline ? inline.getSelectionSet()
                    : selection instanceof FragmentSpread spread && seen.add(spread.getName()) && fragments.containsKey(spread.getName())
                            ? fragments.get(spread.getName()).getSelectionSet() : null;
            Optional<Directive> found = conditional(inner, fragments, seen);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }
}
