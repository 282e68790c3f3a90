package io.communique.limits;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Cost and abuse limits, enforced before an operation runs (README, "Limits"). */
@ConfigMapping(prefix = "communique.limits")
public interface LimitsConfig {

    /** Deepest field nesting accepted; root fields are level 1. GraphiQL's introspection query needs 15. */
    @WithDefault("20")
    int maxDepth();

    /** Largest estimated cost accepted (see {@link QueryCost}). */
    @WithDefault("50000")
    long maxCost();

    /**
     * Cost points each client may spend before it waits (see {@link ClientBudgets}): every operation it
     * runs takes its cost, at least 1. 0, the default, keeps no budgets. When set, at least
     * {@link #maxCost()}. A client is the caller a bearer token signs in, else the address the request
     * came from (an IPv6 address's /64), which behind a proxy is the proxy's unless Quarkus's
     * {@code quarkus.http.proxy.*} settings trust it to forward the client's.
     */
    @WithDefault("0")
    long clientBudget();

    /** Points a second that come back to each client's budget, up to {@link #clientBudget()}. */
    @WithDefault("1000")
    double clientBudgetRestoreRate();

    /** How many items the cost estimate assumes for a plain (non-connection) list of objects. */
    @WithDefault("5")
    int listSizeEstimate();

    /** Most aliases an operation may use, fragments counted once per spread. */
    @WithDefault("50")
    int maxAliases();

    /** Most directives an operation may use, fragments counted once per spread. */
    @WithDefault("50")
    int maxDirectives();

    /**
     * Most field selections an operation may make once every fragment spread is replaced by its
     * fragment. Fragments that spread others several times multiply: a 672-byte document of thirteen
     * fragments, each spreading the next four times, selects 16,777,216 fields, and graphql-java
     * walks every one to normalize the operation (31 s of one core here) before the cost can be known.
     */
    @WithDefault("5000")
    long maxFields();

    /** Most lexical tokens the parser reads before it gives up on a document. */
    @WithDefault("15000")
    int maxTokens();

    /**
     * Longest a single SQL statement may run before PostgreSQL cancels it. Applied to every pooled
     * connection by {@code quarkus.datasource.jdbc.new-connection-sql} in application.properties.
     */
    @WithDefault("10s")
    Duration statementTimeout();

    /**
     * Longest a statement may wait for a lock another transaction holds (a row another write is
     * changing) before PostgreSQL cancels it, set beside the statement timeout. Below it, so that a
     * write stuck behind another is told so rather than that it ran too long, and gives its pooled
     * connection back sooner.
     */
    @WithDefault("5s")
    Duration lockTimeout();

    /**
     * graphql-java's good-faith introspection check: an operation that introspects may select
     * {@code __schema} and {@code __type} once each and each of {@code __Type}'s fields, inputFields,
     * interfaces and possibleTypes once, within 500 fields and 20 levels. GraphiQL's and graphql-java's
     * introspection queries fit; a query that expands every type over and over does not.
     */
    @WithDefault("true")
    boolean introspectionGoodFaith();

    /**
     * Queries and mutations running at once on this instance; more wait their turn in arrival order
     * (see executionPatience).
     */
    @WithDefault("4")
    int maxRunningExecutions();

    /**
     * How long a running query or mutation counts against maxRunningExecutions: after that it gives its
     * place to the next waiting one and runs on outside the count (it is likely waiting on the database).
     */
    @WithDefault("100ms")
    java.time.Duration executionPatience();
}
