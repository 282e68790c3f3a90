package io.communique.search;

/**
 * One ranked hit, with its entity already loaded.
 *
 * @param entity  the matched row: a Statement, Commitment, Official, Topic, Subject or Dialogue entity, by {@code type}
 * @param snippet the matched text, HTML-escaped, with each matched word in {@code <mark>…</mark>}
 */
public record SearchHit(SearchType type, long key, float rank, String snippet, Object entity) {

    public SearchCursor cursor() {
        return new SearchCursor(rank, type, key);
    }
}
