package io.communique.graphql;

import io.communique.errors.SubscriptionOverflowException;
import io.communique.live.EventFilter;
import io.communique.live.EventFilters;
import io.communique.live.LiveEvent;
import io.communique.live.LiveEvents;
import io.communique.live.Notice;
import io.smallrye.graphql.api.Subscription;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.mutiny.subscription.BackPressureFailure;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.jboss.logging.Logger;

/**
 * Live updates over GraphQL over WebSocket (graphql-transport-ws or graphql-ws on /graphql). Events
 * come from the database (io.communique.live), so writes made through any instance reach every
 * subscriber. Anonymous, like every read.
 */
@GraphQLApi
public class SubscriptionApi {

    private static final Logger LOG = Logger.getLogger(SubscriptionApi.class);

    private final LiveEvents events;
    private final EventFilters filters;
    private final Vertx vertx;
    private final int buffer;

    public SubscriptionApi(LiveEvents events, EventFilters filters, Vertx vertx,
            @ConfigProperty(name = "communique.live.subscription-buffer", defaultValue = "10000") int buffer) {
        this.events = events;
        this.filters = filters;
        this.vertx = vertx;
        this.buffer = buffer;
    }

    /**
     * Events waiting for one subscriber, at most {@link #buffer}: a bulk write announces every row at once,
     * and each event is resolved (with SQL) before the next. Past that the subscription ends with
     * {@code SUBSCRIPTION_OVERFLOW} rather than skip events silently (until 2026-12-06: a buffer of
     * 1,024, and an INTERNAL error logged as a server fault, after a burst of 5,000 statements).
     */
    private <T> Multi<T> buffered(Multi<T> stream, String field) {
        return stream.onOverflow().buffer(buffer)
                .onFailure(BackPressureFailure.class).transform(full -> {
                    LOG.warnf("Subscription %s ended: more than %d events were waiting for it", field, buffer);
                    return new SubscriptionOverflowException(buffer);
                });
    }

    /**
     * The events {@code stream} gives once {@code check} has its item, as {@code transformToMulti}, which
     * Mutiny 3.1.1 gets wrong one way: cancelled while {@code check} runs (a socket closed right after its
     * {@code subscribe}), it still subscribes to the stream when the item comes, and never cancels that
     * subscription, which then held a place in the broadcast with nobody to read it. Here the stream's
     * subscription is cancelled whichever of the two comes second.
     */
    private static <I, O> Multi<O> then(Uni<I> check, Function<I, Multi<O>> stream) {
        return Multi.createFrom().deferred(() -> {
            AtomicBoolean cancelled = new AtomicBoolean();
            AtomicReference<Flow.Subscription> started = new AtomicReference<>();
            return check.onItem().transformToMulti(item -> stream.apply(item).onSubscription().invoke(subscription -> {
                started.set(subscription);
                if (cancelled.get()) {
                    subscription.cancel();
                }
            })).onCancellation().invoke(() -> {
                cancelled.set(true);
                Flow.Subscription subscription = started.get();
                if (subscription != null) {
                    subscription.cancel();
                }
            });
        });
    }

    /**
     * Where a subscriber's events are resolved: on the Vert.x context the subscription started on, its socket's
     * event loop (batched fields hand their SQL to a worker from there; NormalizingExecutionService), and never on
     * the listener's thread.
     */
    private Executor subscriberContext() {
        Context context = Vertx.currentContext() != null ? Vertx.currentContext() : vertx.getOrCreateContext();
        return task -> context.runOnContext(ignored -> task.run());
    }

    @Subscription("commitmentStatusChanged")
    @Description("Every status entry appended to a commitment's history from now on (updates, re-assessments, corrections), optionally filtered. Ids, codes or slugs that name nothing end the subscription with a `BAD_USER_INPUT` error. Ends with `EVENTS_INTERRUPTED` when events it may have wanted were lost on the server (or `SUBSCRIPTION_OVERFLOW` when too many waited for it): read the current state again, then subscribe again. Refused with `SERVICE_UNAVAILABLE` while the server hears no events.")
    public Multi<CommitmentStatusChangedEvent> commitmentStatusChanged(
            @Name("filter") @Description("Which changes to receive; all of them when omitted.") CommitmentStatusChangedFilter filter) {
        Executor subscriber = subscriberContext();
        Uni<EventFilter> checked = Uni.createFrom().item(() -> filter == null ? EventFilter.ALL
                : filters.statusChanges("commitmentStatusChanged", filter.commitment(), filter.nation(), filter.topic()))
                // The filter is checked against the database, which the WebSocket's event loop must not wait on.
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
        return then(checked, f -> events.stream(n -> n instanceof Notice.StatusEntryAdded s && f.mayMatch(s.commitment()))
                        .filter(e -> e instanceof LiveEvent.StatusChanged s && f.matches(s))
                        .map(e -> (LiveEvent.StatusChanged) e)
                        .map(s -> new CommitmentStatusChangedEvent(new CommitmentNode(s.commitment(), s.committed()),
                                new StatusChangeNode(s.entry()))))
                .plug(stream -> buffered(stream, "commitmentStatusChanged"))
                .emitOn(subscriber);
    }

    @Subscription("statementAdded")
    @Description("Every statement added to the dialogue from now on, new or moved to it from another dialogue. A dialogue id that names nothing ends the subscription with a `BAD_USER_INPUT` error. Ends with `EVENTS_INTERRUPTED` when events it may have wanted were lost on the server (or `SUBSCRIPTION_OVERFLOW` when too many waited for it): read the current state again, then subscribe again. Refused with `SERVICE_UNAVAILABLE` while the server hears no events.")
    public Multi<StatementNode> statementAdded(
            @NonNull @Id @Name("dialogueId") @Description("Global ID of the dialogue.") String dialogueId) {
        Executor subscriber = subscriberContext();
        Uni<Long> checked = Uni.createFrom().item(() -> filters.dialogue("statementAdded", "dialogueId", dialogueId))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
        return then(checked, dialogue -> events.stream(n -> n instanceof Notice.StatementAdded s && s.dialogue() == dialogue)
                        .filter(e -> e instanceof LiveEvent.StatementAdded s && s.dialogue() == dialogue)
                        .map(e -> new StatementNode(((LiveEvent.StatementAdded) e).statement())))
                .plug(stream -> buffered(stream, "statementAdded"))
                .emitOn(subscriber);
    }
}
