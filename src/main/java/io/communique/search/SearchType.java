package io.communique.search;

import org.eclipse.microprofile.graphql.Description;

/** The kinds of object that search finds, in the order ties of rank are broken. */
@Description("A kind of object that `search` can find.")
public enum SearchType {
    @Description("Statements, by their text.")
    STATEMENT,
    @Description("Commitments, by title and description.")
    COMMITMENT,
    @Description("Officials, by name and by every other spelling met in sources.")
    OFFICIAL,
    @Description("Topics, by name and slug.")
    TOPIC,
    @Description("Subjects, by name and slug.")
    SUBJECT,
    @Description("Dialogues, by title, format and place.")
    DIALOGUE;
}
