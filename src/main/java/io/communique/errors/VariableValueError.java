package io.communique.errors;

import graphql.ErrorClassification;
import graphql.GraphQLError;
import graphql.language.SourceLocation;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * graphql-java's error about a variable's value, with where in the value it lies: {@code at} starts
 * with the variable's name, then field names and list indexes ({@code ["input", "parties", 0, "role"]}).
 * graphql-java's messages name the variable, not the place ("Variable 'input' has an invalid value:
 * Int cannot represent 0.9999"), which in a large input leaves the client to guess. {@code expected}
 * is the type of that place as GraphQL prints it ({@code Int!}); for a field its type does not define,
 * the input object that lacks it.
 */
public record VariableValueError(GraphQLError error, List<Object> at, String expected) implements GraphQLError {

    /** {@code input.parties[0].role}: the place as it reads in a message. */
    public String place() {
        return at.stream()
                .map(step -> step instanceof Integer index ? "[" + index + "]" : "." + step)
                .collect(Collectors.joining())
                .substring(1);
    }

    /** Whether the place is inside the variable rather than the variable itself. */
    public boolean inside() {
        return at.size() > 1;
    }

    /** Whether the place's type is {@code type}, lists and non-null aside ({@code [Kind!]} expects {@code Kind}). */
    public boolean expects(String type) {
        return expected.replaceAll("[\\[\\]!]", "").equals(type.replaceAll("[\\[\\]!]", ""));
    }

    public String variable() {
        return (String) at.get(0);
    }

    @Override
    public String getMessage() {
        return error.getMessage();
    }

    @Override
    public List<SourceLocation> getLocations() {
        return error.getLocations();
    }

    @Override
    public ErrorClassification getErrorType() {
        return error.getErrorType();
    }

    @Override
    public Map<String, Object> getExtensions() {
        return error.getExtensions();
    }
}
