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
 * A date of the record (a dialogue held, a document published, an office taken up, a source
 * published): from 1900-01-01 to today (UTC), since the record holds what happened. Null is valid.
 */
@Documented
@Constraint(validatedBy = RecordDateValidator.class)
@Target({FIELD, PARAMETER, RECORD_COMPONENT, TYPE_USE})
@Retention(RUNTIME)
public @interface RecordDate {

    String message() default "must be a date from 1900-01-01 to today";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
