package io.communique.graphql;

import java.time.LocalDate;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

@Input("ExternalSourceInput")
@Description("A published source outside the dialogue's own record, such as a news report or an official release.")
public record ExternalSourceInput(
        @NonNull @Description("Where it is published: an http or https URL.") String url,
        @NonNull @Description("Its title, 1 to 300 characters.") String title,
        @Description("Who published it, 1 to 200 characters.") String publisher,
        @Description("When it was published; not in the future.") LocalDate publishedOn) {
}
