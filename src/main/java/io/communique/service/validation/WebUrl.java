package io.communique.service.validation;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.RECORD_COMPONENT;
import static java.lang.annotation.ElementType.TYPE_USE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.ReportAsSingleViolation;
import jakarta.validation.constraints.Pattern;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import java.util.Locale;

/**
 * A link a reader can open: an http or https URL of at most 2000 characters, with a host, without
 * spaces. Null is valid. "Spaces" are Unicode's white space, and controls, format characters (bidi
 * overrides, zero-width spaces) and lone surrogates are refused with them: Java's plain \\S let NUL
 * and U+2003 through to the database, whose check (and text type) refused them as a server fault.
 *
 * <p>The scheme is read in any case ({@code HTTPS://example.org}), as RFC 3986 (3.1) says of schemes;
 * {@link Canonical#lowerScheme} writes it in lower case, its canonical form (6.2.2.1), before it is stored, so
 * that the database's check on external sources, which knows only {@code http} and {@code https},
 * holds, and every link reads alike.
 */
@Documented
@Pattern(regexp = WebUrl.REGEX)
@ReportAsSingleViolation
@Constraint(validatedBy = {})
@Target({FIELD, PARAMETER, RECORD_COMPONENT, TYPE_USE})
@Retention(RUNTIME)
public @interface WebUrl {

    /** The whole rule, for checks outside Bean Validation (the importer). */
    String REGEX = "(?U)(?i:https?)://[^/\\s\\p{Cc}\\p{Cf}\\p{Cs}][^\\s\\p{Cc}\\p{Cf}\\p{Cs}]{0,1989}";

    /** Also the importer's message for a URL that breaks this rule. */
    String MESSAGE = "must be an http or https URL of at most 2000 characters, without spaces";

    String message() default MESSAGE;

    /** The canonical form this rule's URLs are stored in. */
    final class Canonical {

        private Canonical() {
        }

        /** The URL with an http or https scheme in lower case, the rest as given; anything else (null too) as it is. */
        public static String lowerScheme(String url) {
            if (url == null) {
                return null;
            }
            int colon = url.indexOf(':');
            String scheme = colon < 0 ? "" : url.substring(0, colon);
            return scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https")
                    ? scheme.toLowerCase(Locale.ROOT) + url.substring(colon) : url;
        }
    }

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
