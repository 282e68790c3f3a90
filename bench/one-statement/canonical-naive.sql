-- The canonical traversal (src/test/resources/graphql/canonical-traversal.graphql, first: 20) as ONE
-- statement that builds the response's "data" as JSON in PostgreSQL, the way PostGraphile and Hasura
-- compile a query. Written by hand, not by the server: a measurement of what that architecture would
-- cost PostgreSQL on bench/dataset.sql (see bench/README.md, 2026-12-07 19:10). This first form joins
-- nation and subject for each party; the planner hashes a scan of subject per commitment.
select json_build_object('data', json_build_object('officials', json_build_object(
  'totalCount', (select count(*) from official),
  'nodes', coalesce((select json_agg(json_build_object(
     'name', o.name,
     'statements', json_build_object(
        'totalCount', (select count(*) from statement_speaker x join statement c on c.id = x.statement_id where x.official_id = o.id),
        'nodes', coalesce((select json_agg(json_build_object(
            'text', s.text,
            'commitments', coalesce((select json_agg(json_build_object(
                 'title', cm.title, 'status', cm.status,
                 'parties', coalesce((select json_agg(json_build_object('role', p.role,
                     'party', case when p.nation_id is not null then json_build_object('__typename','Nation','code', n.code)
                                   else json_build_object('__typename','Subject','name', sj.name) end) order by p.id)
                   from commitment_party p left join nation n on n.id = p.nation_id left join subject sj on sj.id = p.subject_id
                   where p.commitment_id = cm.id), '[]'::json)) order by cm.id)
               from commitment_statement cx join commitment cm on cm.id = cx.commitment_id where cx.statement_id = s.id), '[]'::json)
           ) order by s.id)
          from (select c.id, c.text from statement_speaker x join statement c on c.id = x.statement_id where x.official_id = o.id order by c.id limit 20) s), '[]'::json)
     )) order by o.id)
    from (select id, name from official order by id limit 20) o), '[]'::json)
)))::text;
