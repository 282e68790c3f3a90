package io.communique.support;

import io.communique.model.Dialogue;
import io.communique.model.Official;
import io.communique.relay.KeysetPager;
import io.communique.service.GraphReader;
import jakarta.inject.Singleton;
import jakarta.enterprise.inject.Alternative;
import jakarta.persistence.EntityManager;
import java.util.Optional;

/**
 * Test-only faults, enabled by the Faults profile alone: looking up a dialogue by id runs SQL
 * naming a column that does not exist (an unexpected server fault), looking up an official runs a
 * statement that sleeps far past the profile's statement timeout (PostgreSQL cancels it, so the
 * test waits on the database's own timer, never on a sleep of its own).
 */
@Alternative
@Singleton
public class FaultyGraphReader extends GraphReader {

    /** Seconds the slow statement would sleep if nothing cancelled it. */
    public static final int SLEEP_SECONDS = 60;

    private final EntityManager em;

    public FaultyGraphReader(KeysetPager pager, EntityManager em) {
        super(pager, em);
        this.em = em;
    }

    @Override
    public <E> Optional<E> find(Class<E> entity, long key) {
        if (entity == Dialogue.class) {
            em.createNativeQuery("select no_such_column from dialogue").getResultList();
        }
        if (entity == Official.class) {
            em.createNativeQuery("select 1 from pg_sleep(" + SLEEP_SECONDS + ")").getResultList();
        }
        return super.find(entity, key);
    }
}
