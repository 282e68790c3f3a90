package io.communique.model;

import org.eclipse.microprofile.graphql.Description;

@Description("Where a commitment stands, after the G7 Research Group's compliance vocabulary.")
public enum CommitmentStatus {
    @Description("Stated as an intention or plan; no agreement yet.")
    ANNOUNCED,
    @Description("Formally agreed or signed.")
    AGREED,
    @Description("Being carried out, or confirmed to be on track.")
    IN_PROGRESS,
    @Description("Carried out in full.")
    DELIVERED,
    @Description("No progress for a long time, or blocked.")
    STALLED,
    @Description("Given up by at least one party.")
    ABANDONED;
}
