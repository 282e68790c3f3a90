package io.communique.graphql;

import io.communique.live.EventFilter;
import io.communique.live.EventFilters;
import io.communique.live.LiveEvent;
import io.communique.live.LiveEvents;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.concurrent.Executor;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import io.smallrye.graphql.api.Subscription;

/**
 * Live updates over GraphQL over WebSocket (graphql-transport-ws or graphql-ws on /graphql). Events
 * come from the database (io.communique.live), so writes made through any instance reach every
 * subscriber. Anonymous, like every read.
 */
@GraphQLApi
public class SubscriptionApi {

    /** Events waiting for a slow subscriber; past this its subscription ends with an error. */
    private static final int BUFFER = 1024;

    private final LiveEvents events;
    private final EventFilters filters;
    private final Vertx vertx;

    public SubscriptionApi(LiveEvents events, EventFilters filters, Vertx vertx) {
        this.events = events;
        this.filters = filters;
        this.vertx = vertx;
    }

    /**
     * Where a subscriber's events are resolved: on the Vert.x context the subscription started on, as a
     * query's fields are (batched fields hand their SQL to a worker from there), and never on the listener's thread.
     */
    private Executor subscriberContext() {
        Context context = Vertx.currentContext() != null ? Vertx.currentContext() : vertx.getOrCreateContext();
        return task -> context.runOnContext(ignored -> task.run());
    }

    @Subscription("commitmentStatusChanged")
    @Description("Every status entry appended to a commitment's history from now on (updates, re-assessments, corrections), optionally filtered. Ids, codes or slugs that name nothing end the subscription with a `BAD_USER_INPUT` error.")
    public Multi<CommitmentStatusChangedEvent> commitmentStatusChanged(
            @Name("filter") @Description("Which changes to receive; all of them when omitted.") CommitmentStatusChangedFilter filter) {
        Executor subscriber = subscriberContext();
        return Uni.createFrom().item(() -> filter == null ? EventFilter.ALL
                : filters.statusChanges("commitmentStatusChanged", filter.commitment(), filter.nation(), filter.topic()))
                // The filter is checked against the database, which the WebSocket's event loop must not wait on.
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .onItem().transformToMulti(f -> events.stream()
                        .filter(e -> e instanceof LiveEvent.StatusChanged s && f.matches(s))
                        .map(e -> (LiveEvent.StatusChanged) e)
                        .map(s -> new CommitmentStatusChangedEvent(new CommitmentNode(s.commitment()),
                                new StatusChangeNode(s.entry()))))
                .onOverflow().buffer(BUFFER)
                .emitOn(subscriber);
    }

    @Subscription("statementAdded")
    @Description("Every statement added to the dialogue from now on. A dialogue id that names nothing ends the subscription with a `BAD_USER_INPUT` error.")
    public Multi<StatementNode> statementAdded(
            @NonNull @Id @Name("dialogueId") @Description("Global ID of the dialogue.") String dialogueId) {
        Executor subscriber = subscriberContext();
        return Uni.createFrom().item(() -> filters.dialogue("statementAdded", "dialogueId", dialogueId))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .onItem().transformToMulti(dialogue -> events.stream()
                        .filter(e -> e instanceof LiveEvent.StatementAdded s && s.dialogue() == dialogue)
                        .map(e -> new StatementNode(((LiveEvent.StatementAdded) e).statement())))
                .onOverflow().buffer(BUFFER)
                .emitOn(subscriber);
    }
}
