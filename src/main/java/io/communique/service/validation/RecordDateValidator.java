package io.communique.service.validation;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import java.time.LocalDate;
import java.time.ZoneOffset;

public class RecordDateValidator implements ConstraintValidator<RecordDate, LocalDate> {

    static final LocalDate EARLIEST = LocalDate.of(1900, 1, 1);

    @Override
    public boolean isValid(LocalDate value, ConstraintValidatorContext context) {
        return value == null || !value.isBefore(EARLIEST) && !value.isAfter(LocalDate.now(ZoneOffset.UTC));
    }
}
