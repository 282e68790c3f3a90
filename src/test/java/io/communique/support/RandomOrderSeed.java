package io.communique.support;

import java.security.SecureRandom;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Names the seed of the random test-method order (pom.xml) on every run, so an order that fails
 * once, on CI say, can be replayed. JUnit only logs the seed it draws itself at CONFIG level,
 * which no one sees; drawing it here, before discovery orders the methods, makes it printable.
 * A seed given with {@code -Djunit.jupiter.execution.order.random.seed=N} is kept.
 */
public final class RandomOrderSeed implements LauncherSessionListener {

    static final String PROPERTY = "junit.jupiter.execution.order.random.seed";

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        String seed = System.getProperty(PROPERTY);
        if (seed == null) {
            seed = Long.toString(new SecureRandom().nextLong());
            System.setProperty(PROPERTY, seed);
        }
        System.out.println("Test methods run in random order, seed " + seed
                + "; replay this order with -D" + PROPERTY + "=" + seed);
    }
}
