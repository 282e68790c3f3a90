package io.communique.service.validation;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import java.util.Set;

public class TextValidator implements ConstraintValidator<Text, String> {

    /** Letters and a symbol that fonts draw as blank space: the Hangul fillers and the blank Braille pattern. */
    private static final Set<Integer> BLANK_GLYPHS = Set.of(0x115F, 0x1160, 0x3164, 0xFFA0, 0x2800);

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
        return length >= 1 && length <= max && storable(value) && visible(value);
    }

    /**
     * Whether PostgreSQL stores the text as given: no NUL (its text type has none) and no lone UTF-16
     * surrogate (a JSON string may carry "\\ud800"; the driver's UTF-8 encoder wrote it as '?', so the
     * payload echoed one value and every later read another).
     */
    public static boolean storable(String value) {
        return firstUnstorable(value) < 0;
    }

    /** The index (in UTF-16 units) of the first NUL or lone surrogate in {@code value}, or -1 if it has none. */
    public static int firstUnstorable(String value) {
        for (int i = 0; i < value.length(); i++) {
            char ch = value.charAt(i);
            if (Character.isHighSurrogate(ch) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (ch == '\u0000' || Character.isSurrogate(ch)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Whether the text shows anything: a letter, digit, punctuation mark or symbol. Spaces of every
     * kind (no-break, ideographic), format characters (zero-width, direction overrides), combining
     * marks with nothing to combine with, and the letters fonts draw as blank (the Hangul fillers,
     * the blank Braille pattern) do not: a name made of those alone reads as empty.
     */
    public static boolean visible(String value) {
        return value.codePoints().anyMatch(c -> switch (Character.getType(c)) {
            case Character.UPPERCASE_LETTER, Character.LOWERCASE_LETTER, Character.TITLECASE_LETTER,
                    Character.MODIFIER_LETTER, Character.OTHER_LETTER, Character.DECIMAL_DIGIT_NUMBER,
                    Character.LETTER_NUMBER, Character.OTHER_NUMBER, Character.CONNECTOR_PUNCTUATION,
                    Character.DASH_PUNCTUATION, Character.START_PUNCTUATION, Character.END_PUNCTUATION,
                    Character.INITIAL_QUOTE_PUNCTUATION, Character.FINAL_QUOTE_PUNCTUATION,
                    Character.OTHER_PUNCTUATION, Character.MATH_SYMBOL, Character.CURRENCY_SYMBOL,
                    Character.MODIFIER_SYMBOL, Character.OTHER_SYMBOL -> !BLANK_GLYPHS.contains(c);
            default -> false;
        });
    }
}
