package io.communique.query;

import io.communique.relay.SortKey;
import io.communique.relay.SortKey.Column;
import org.eclipse.microprofile.graphql.Description;

@Description("Properties by which dialogues can be ordered; every ordering ends with the dialogues' ids, so equal values keep a stable order.")
public enum DialogueOrderField implements OrderField {
    @Description("By creation: the order dialogues were added in.")
    CREATED(SortKey.BY_KEY),
    @Description("By the date the dialogue was held.")
    HELD_ON(SortKey.ascending("held_on", Column.date("c.held_on")));

    private final SortKey ascending;

    DialogueOrderField(SortKey ascending) {
        this.ascending = ascending;
    }

    @Override
    public SortKey ascending() {
        return ascending;
    }
}
