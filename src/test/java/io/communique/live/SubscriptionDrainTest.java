package io.communique.live;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.communique.support.GraphQL;
import io.communique.support.GraphQLWs;
import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.vertx.core.http.UpgradeRejectedException;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

/**
 * Shutdown with subscribers connected ({@link SubscriptionDrain}): Quarkus's pre-shutdown event
 * closes their sockets and refuses new upgrades, while plain HTTP is still served. The test fires
 * the event itself, which cannot be undone, so the class has an application of its own. That a
 * real SIGTERM then stops the packaged server at once, not after quarkus.shutdown.timeout, is
 * checked by .ci/subscriptions-check.sh.
 */
@QuarkusTest
@TestProfile(SubscriptionDrainTest.Drained.class)
class SubscriptionDrainTest {

    static final String WATCH_STATUS = GraphQL.load("subscribe-status-changed");

    /** No overrides: a profile of its own only so that draining ends with this class's application. */
    public static class Drained implements QuarkusTestProfile {
    }

    @Inject
    Event<ShutdownDelayInitiatedEvent> shutdownStarts;

    @Inject
    SubscriptionDrain drain;

    @Inject
    LiveEvents events;

    @Test
    void shutdownClosesSubscribersSocketsAndRefusesNewOnesWhileHttpIsStillServed() throws Exception {
        try (GraphQLWs subscriber = GraphQLWs.connect(); GraphQLWs idle = GraphQLWs.connect()) {
            subscriber.subscribe("1", WATCH_STATUS, Map.of());
            await().atMost(GraphQLWs.TIMEOUT).until(() -> events.subscribers() == 1);
            // Both upgrades passed the drain's route: it runs ahead of the one that upgrades and ends routing.
            assertEquals(2, drain.openConnections());

            shutdownStarts.fire(new ShutdownDelayInitiatedEvent());

            assertEquals(1000, subscriber.awaitClose());
            assertEquals(1000, idle.awaitClose());
        }
        await().atMost(GraphQLWs.TIMEOUT).until(() -> drain.openConnections() == 0 && events.subscribers() == 0);

        ExecutionException refused = assertThrows(ExecutionException.class, GraphQLWs::connect);
        UpgradeRejectedException rejection = assertInstanceOf(UpgradeRejectedException.class, refused.getCause());
        assertEquals(503, rejection.getStatus());
        assertEquals("1", rejection.getHeaders().get("Retry-After"));
        assertEquals("SERVICE_UNAVAILABLE",
                JsonPath.from(rejection.getBody().toString()).getString("errors[0].extensions.code"));

        // During a configured shutdown delay the instance still answers queries.
        assertEquals("Query", GraphQL.query("{ __typename }").getString("data.__typename"));
    }
}
