package io.communique.model;

import org.eclipse.microprofile.graphql.Description;

@Description("What sort of thing a subject is.")
public enum SubjectKind {
    @Description("A country, mentioned rather than participating.")
    COUNTRY,
    @Description("A geographic or strategic region.")
    REGION,
    @Description("A territory that is not a country.")
    TERRITORY,
    @Description("An international organisation, grouping or sector.")
    ORGANIZATION,
    @Description("A company.")
    COMPANY,
    @Description("A weapon system, platform or engine.")
    MILITARY_SYSTEM,
    @Description("A dated event such as an attack.")
    EVENT,
    @Description("A war or armed conflict.")
    ARMED_CONFLICT,
    @Description("A non-state armed or militant group.")
    ARMED_GROUP;
}
