package io.communique.service.validation;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

public class TextValidator implements ConstraintValidator<Text, String> {

    private int max;

    @Override
    public void initialize(Text constraint) {
        max = constraint.max();
    }

    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
        if (value == null) {
            return true;
        }
        int length = value.codePointCount(0, value.length());
        return length >= 1 && length <= max && !value.isBlank() && value.indexOf('\u0000') < 0;
    }
}
