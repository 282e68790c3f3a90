package io.communique.query;

import java.time.LocalDate;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;

/** An inclusive range of dates; either end may be open. */
@Input("DateRange")
@Description("An inclusive range of dates. Leave `from` or `to` out for an open end.")
public record DateRange(
        @Description("The earliest date included.") LocalDate from,
        @Description("The latest date included.") LocalDate to) {
}
