package io.communique.query;

import io.communique.model.SubjectKind;
import io.smallrye.graphql.api.Nullable;
import java.util.List;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

@Input("SubjectFilter")
@Description("Which subjects to list. A subject must match every field given (AND).")
public record SubjectFilter(
        @Description("What sort of thing the subject is, any of these kinds.")
        @Nullable List<@NonNull SubjectKind> kind) {
}
