package io.communique.graphql;

import java.time.LocalDate;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

@Type("ExternalSource")
@Description("Published material outside the dialogue's own record that evidences a status.")
public record ExternalSourceView(
        @NonNull @Description("Where it is published.") String url,
        @NonNull @Description("Its title.") String title,
        @Description("Who published it, when known.") String publisher,
        @Description("When it was published, when known.") LocalDate publishedOn) {
}
