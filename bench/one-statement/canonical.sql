-- As canonical-naive.sql, with each party's nation code and subject name read by key in a scalar
-- subquery. On bench/dataset.sql its "data" equals the server's response to the canonical traversal
-- (checked with a JSON comparison, bench/README.md 2026-12-07 19:10).
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
                     'party', case when p.nation_id is not null then json_build_object('__typename','Nation','code', (select n.code from nation n where n.id = p.nation_id))
                                   else json_build_object('__typename','Subject','name', (select sj.name from subject sj where sj.id = p.subject_id)) end) order by p.id)
                   from commitment_party p
                   where p.commitment_id = cm.id), '[]'::json)) order by cm.id)
               from commitment_statement cx join commitment cm on cm.id = cx.commitment_id where cx.statement_id = s.id), '[]'::json)
           ) order by s.id)
          from (select c.id, c.text from statement_speaker x join statement c on c.id = x.statement_id where x.official_id = o.id order by c.id limit 20) s), '[]'::json)
     )) order by o.id)
    from (select id, name from official order by id limit 20) o), '[]'::json)
)))::text;
