package io.communique.limits;

import graphql.language.Definition;
import graphql.language.Document;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Depth, alias count, directive count and field count of an operation, read from the parsed document
 * before validation (validation itself is what alias and fragment floods attack). Fragments count
 * once per spread, so reusing a fragment costs what inlining it would; each fragment is measured
 * once, so the walk is linear in the document whatever the spreads multiply to (counts saturate at
 * Long.MAX_VALUE). The document is not yet validated: unknown fragments and fragment cycles are
 * skipped here and reported by validation.
 *
 * @param depth      deepest field nesting; a root field is level 1
 * @param aliases    aliased fields
 * @param directives directives on the operation, fields, fragments and spreads
 * @param fields     field selections, at every level, with every spread replaced by its fragment:
 *                   what graphql-java walks to normalize and to execute the operation
 */
public record QueryShape(int depth, long aliases, long directives, long fields) {

    static final QueryShape EMPTY = new QueryShape(0, 0, 0, 0);

    /** The largest figures over the document's operations (only one runs, but which is not known yet). */
    public static QueryShape of(Document document) {
        Map<String, FragmentDefinition> fragments = new HashMap<>();
        for (Definition<?> d : document.getDefinitions()) {
            if (d instanceof FragmentDefinition f) {
                fragments.put(f.getName(), f);
            }
        }
        var walker = new Walker(fragments);
        var result = EMPTY;
        for (Definition<?> d : document.getDefinitions()) {
            if (d instanceof OperationDefinition op) {
                var shape = walker.selections(op.getSelectionSet()).plusDirectives(op.getDirectives().size());
                result = new QueryShape(Math.max(result.depth, shape.depth), Math.max(result.aliases, shape.aliases),
                        Math.max(result.directives, shape.directives), Math.max(result.fields, shape.fields));
            }
        }
        return result;
    }

    private QueryShape plus(QueryShape other) {
        return new QueryShape(Math.max(depth, other.depth), add(aliases, other.aliases), add(directives, other.directives),
                add(fields, other.fields));
    }

    private QueryShape plusDirectives(long n) {
        return new QueryShape(depth, aliases, add(directives, n), fields);
    }

    private static long add(long a, long b) {
        long sum = a + b;
        return sum < 0 ? Long.MAX_VALUE : sum;
    }

    private static final class Walker {
        private final Map<String, FragmentDefinition> fragments;
        private final Map<String, QueryShape> measured = new HashMap<>();
        private final Set<String> inProgress = new HashSet<>();

        Walker(Map<String, FragmentDefinition> fragments) {
            this.fragments = fragments;
        }

        QueryShape selections(SelectionSet set) {
            var shape = EMPTY;
            if (set == null) {
                return shape;
            }
            for (Selection<?> s : set.getSelections()) {
                shape = shape.plus(selection(s));
            }
            return shape;
        }

        private QueryShape selection(Selection<?> s) {
            if (s instanceof Field f) {
                var children = selections(f.getSelectionSet());
                return new QueryShape(children.depth + 1, add(children.aliases, f.getAlias() != null ? 1 : 0),
                        add(children.directives, f.getDirectives().size()), add(children.fields, 1));
            }
            if (s instanceof InlineFragment i) {
                return selections(i.getSelectionSet()).plusDirectives(i.getDirectives().size());
            }
            if (s instanceof FragmentSpread spread) {
                return fragment(spread.getName()).plusDirectives(spread.getDirectives().size());
            }
            return EMPTY;
        }

        private QueryShape fragment(String name) {
            var known = measured.get(name);
            if (known != null) {
                return known;
            }
            var definition = fragments.get(name);
            if (definition == null || !inProgress.add(name)) {
                return EMPTY;
            }
            var shape = selections(definition.getSelectionSet()).plusDirectives(definition.getDirectives().size());
            inProgress.remove(name);
            measured.put(name, shape);
            return shape;
        }
    }
}
