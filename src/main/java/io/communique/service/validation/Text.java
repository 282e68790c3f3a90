package io.communique.service.validation;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.RECORD_COMPONENT;
import static java.lang.annotation.ElementType.TYPE_USE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * Text a person wrote (a title, a name, a note, a document): 1 to {@link #max()} characters counted
 * as code points (as PostgreSQL counts them, so an emoji is one), not blank (something in it must
 * show: see {@link TextValidator#visible}), and without NUL or a lone surrogate, which PostgreSQL cannot store (see {@link TextValidator#storable}). Null is valid: whether a value is required is another constraint.
 */
@Documented
@Constraint(validatedBy = TextValidator.class)
@Target({FIELD, PARAMETER, RECORD_COMPONENT, TYPE_USE})
@Retention(RUNTIME)
public @interface Text {

    int max();

    String message() default "must be 1 to {max} characters, not blank and without NUL or lone surrogates";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
