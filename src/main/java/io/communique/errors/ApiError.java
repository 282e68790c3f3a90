package io.communique.errors;

import graphql.ErrorClassification;
import graphql.GraphQLError;
import graphql.language.SourceLocation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An error as the client sees it: message, locations and path where they apply, and extensions
 * that always start with {@code code}. It serialises itself ({@link #toSpecification()}) so that
 * neither graphql-java's {@code classification} nor SmallRye's extension fields are added.
 */
public final class ApiError implements GraphQLError {

    private final String code;
    private final String message;
    private final List<SourceLocation> locations;
    private final List<Object> path;
    private final Map<String, Object> extensions;

    private ApiError(String code, String message, List<SourceLocation> locations, List<Object> path,
            Map<String, Object> details) {
        this.code = code;
        this.message = message;
        this.locations = locations == null ? List.of() : List.copyOf(locations);
        this.path = path == null || path.isEmpty() ? null : List.copyOf(path);
        var ext = new LinkedHashMap<String, Object>();
        ext.put("code", code);
        ext.putAll(details);
        this.extensions = ext;
    }

    public static ApiError of(String code, String message) {
        return new ApiError(code, message, null, null, Map.of());
    }

    public static ApiError of(String code, String message, List<SourceLocation> locations, List<Object> path) {
        return new ApiError(code, message, locations, path, Map.of());
    }

    /** A copy with more extension entries after {@code code}, in the order given. */
    public ApiError with(Map<String, ?> details) {
        var merged = new LinkedHashMap<String, Object>(extensions);
        merged.remove("code");
        merged.putAll(details);
        return new ApiError(code, message, locations, path, merged);
    }

    public String code() {
        return code;
    }

    @Override
    public String getMessage() {
        return message;
    }

    @Override
    public List<SourceLocation> getLocations() {
        return locations;
    }

    @Override
    public List<Object> getPath() {
        return path;
    }

    @Override
    public Map<String, Object> getExtensions() {
        return extensions;
    }

    @Override
    public ErrorClassification getErrorType() {
        // Never ExecutionAborted: Quarkus answers an aborted execution with an empty HTTP 500.
        return ErrorClassification.errorClassification(code);
    }

    @Override
    public Map<String, Object> toSpecification() {
        var spec = new LinkedHashMap<String, Object>();
        spec.put("message", message);
        if (!locations.isEmpty()) {
            List<Map<String, Object>> locs = new ArrayList<>();
            for (var l : locations) {
                // Map.of would iterate in an order drawn anew by each JVM: one instance would write
                // {"column":1,"line":3} and the next {"line":3,"column":1}. The spec's order, always.
                var loc = new LinkedHashMap<String, Object>();
                loc.put("line", l.getLine());
                loc.put("column", l.getColumn());
                locs.add(loc);
            }
            spec.put("locations", locs);
        }
        if (path != null) {
            spec.put("path", path);
        }
        spec.put("extensions", extensions);
        return spec;
    }

    @Override
    public String toString() {
        return code + ": " + message;
    }
}
