package io.communique.search;

import io.communique.errors.BadUserInputException;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
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
    DIALOGUE,
    @Description("Nations, by name, other names (`USA`, `Bharat`) and ISO 3166-1 alpha-2 code.")
    NATION;

    /**
     * The types a search covers: all for null (the argument's default), else those given.
     *
     * @throws BadUserInputException for an empty list, which could only ever find nothing
     */
    public static Set<SearchType> parse(List<SearchType> types, String argument) {
        if (types == null) {
            return EnumSet.allOf(SearchType.class);
        }
        if (types.isEmpty()) {
            throw new BadUserInputException("Argument '" + argument
                    + "' must name at least one type, or be omitted to search all types.");
        }
        return EnumSet.copyOf(types);
    }
}
