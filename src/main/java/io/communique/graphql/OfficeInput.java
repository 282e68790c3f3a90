package io.communique.graphql;

import java.time.LocalDate;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

@Input("OfficeInput")
@Description("An office an official takes up, from a date.")
public record OfficeInput(
        @NonNull @Description("Title of the office, e.g. `Secretary of State`; 1 to 200 characters.") String title,
        @NonNull @Description("First day in office: from 1900 on, not in the future, and not before the start of an office it succeeds.") LocalDate startedOn) {
}
