package io.communique.relay;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A predicate on the child alias {@code c}, added to every part of a page statement (the page, its
 * flags and its count). Values only ever travel as bind parameters: the SQL text is assembled from
 * trusted fragments and placeholder names this builder generates.
 */
public final class SqlFilter {

    /** Keeps every row. */
    public static final SqlFilter NONE = new SqlFilter(List.of(), Map.of());

    private final List<String> conditions;
    private final Map<String, Object> parameters;

    private SqlFilter(List<String> conditions, Map<String, Object> parameters) {
        this.conditions = List.copyOf(conditions);
        this.parameters = Map.copyOf(parameters);
    }

    public static Builder builder() {
        return new Builder();
    }

    public boolean isEmpty() {
        return conditions.isEmpty();
    }

    /** {@code " and (...) and (...)"}, or the empty string. */
    public String sql() {
        return conditions.stream().map(c -> " and (" + c + ")").collect(Collectors.joining());
    }

    public Map<String, Object> parameters() {
        return parameters;
    }

    @Override
    public String toString() {
        return sql() + " " + parameters;
    }

    /** Collects conditions; {@link #bind} turns a value into a fresh placeholder. */
    public static final class Builder {
        private final List<String> conditions = new ArrayList<>();
        private final Map<String, Object> parameters = new LinkedHashMap<>();

        private Builder() {
        }

        /** A named placeholder ({@code :f0}, {@code :f1}, ...) bound to {@code value}. */
        public String bind(Object value) {
            String name = "f" + parameters.size();
            parameters.put(name, value);
            return ":" + name;
        }

        /**
         * A placeholder for a set of keys, as a {@code bigint[]} expression: one bind parameter
         * whatever the number of keys, so the statement text does not vary with it.
         */
        public String bindKeys(Collection<Long> keys) {
            return "cast(string_to_array(" + bind(keys.stream().map(String::valueOf).collect(Collectors.joining(",")))
                    + ", ',') as bigint[])";
        }

        /** A placeholder for a set of words (enum names) as a {@code text[]} expression. */
        public String bindWords(Collection<String> words) {
            return "string_to_array(" + bind(String.join(",", words)) + ", ',')";
        }

        /** Adds a condition written with placeholders from this builder. */
        public Builder where(String condition) {
            conditions.add(condition);
            return this;
        }

        public SqlFilter build() {
            return conditions.isEmpty() ? NONE : new SqlFilter(conditions, parameters);
        }
    }
}
