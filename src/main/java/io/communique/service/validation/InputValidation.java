package io.communique.service.validation;

import io.communique.errors.BadUserInputException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Path;
import jakarta.validation.Validator;
import jakarta.validation.groups.Default;
import java.util.Comparator;
import java.util.Map;

/**
 * Bean Validation of a write's input, run by the services after the role check (an anonymous caller
 * learns that first) and before any id is resolved or any row read. A violation becomes
 * {@code BAD_USER_INPUT} naming the argument path as the client wrote it ({@code input.otherNames[2]}).
 * When several values are wrong, the first path in alphabetical order is reported, so the answer is
 * the same every time.
 */
@ApplicationScoped
public class InputValidation {

    private static final Class<?>[] CREATE = {Default.class, OnCreate.class};
    private static final Class<?>[] UPDATE = {Default.class};

    private final Validator validator;

    public InputValidation(Validator validator) {
        this.validator = validator;
    }

    /** Checks a creation's input: the default constraints and those of {@link OnCreate}. */
    public void create(Object input) {
        check(input, CREATE, Map.of());
    }

    /** Checks an update's input; {@code renames} maps a component name to the input field's where they differ. */
    public void update(Object input, Map<String, String> renames) {
        check(input, UPDATE, renames);
    }

    public void update(Object input) {
        check(input, UPDATE, Map.of());
    }

    private void check(Object input, Class<?>[] groups, Map<String, String> renames) {
        validator.validate(input, groups).stream()
                .map(violation -> new Problem(path(violation.getPropertyPath(), renames), violation))
                .min(Comparator.comparing(Problem::path))
                .ifPresent(problem -> {
                    throw new BadUserInputException("Argument '" + problem.path() + "' " + problem.violation().getMessage() + ".");
                });
    }

    private record Problem(String path, ConstraintViolation<Object> violation) {
    }

    /** {@code otherNames[2].<list element>} and {@code parties[0].nationId} as the client wrote them, under {@code input}. */
    static String path(Path path, Map<String, String> renames) {
        StringBuilder out = new StringBuilder("input");
        for (Path.Node node : path) {
            if (node.isInIterable() && node.getIndex() != null) {
                out.append('[').append(node.getIndex()).append(']');
            }
            String name = node.getName();
            if (name != null && !name.startsWith("<")) {
                out.append('.').append(renames.getOrDefault(name, name));
            }
        }
        return out.toString();
    }
}
