package io.communique.model;

import org.eclipse.microprofile.graphql.Description;

@Description("How a statement is reported in its source.")
public enum StatementKind {
    @Description("The source's own summary of what was discussed or decided.")
    SUMMARY,
    @Description("What a named speaker said, in the source's words (indirect speech).")
    REPORTED_REMARK,
    @Description("A speaker's own words, quoted verbatim.")
    DIRECT_QUOTE,
    @Description("A position the participating nations took together (\"the two sides\", \"both nations\").")
    JOINT_POSITION;
}
