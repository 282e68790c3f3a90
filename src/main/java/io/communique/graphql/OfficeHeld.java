package io.communique.graphql;

import java.time.LocalDate;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/** An office an official held (Popolo's membership of a post). */
@Type("Office")
@Description("An office an official held, with its dates where known.")
public record OfficeHeld(
        @NonNull @Description("Title of the office, e.g. `Secretary of State`.") String title,
        @Description("First day in office, when known.") LocalDate startDate,
        @Description("Last day in office; null while the official still holds it.") LocalDate endDate) {
}
