-- NOT COMPARED at present: this query clusters sequentially, as claimgraph's `corroborations`
-- did before its clustering became chained agreement (values, then times, by sorting); until it
-- follows, compare.py neither checks nor times it (see NOT_COMPARED there).
--
-- Corroborations: claimgraph::query::corroborations(graph, 2), one row per proposition stated by
-- at least two agreeing claims: its first claim, its group, how many claims state it and how
-- many independent origins support it (claims sharing an origin count once, transitively).
--
-- Step 1, the propositions. Within a proposition group the voting claims (no questions, nothing
-- carried without endorsement) are clustered in claim order, as the library does: a claim joins
-- the first cluster whose first claim it agrees with (same polarity, overlapping time scopes,
-- values not different as in contradictions.sql), else it opens a new cluster. Agreement is not
-- transitive (two approximate figures may each agree with a third but not with each other), so
-- the clustering is sequential: a recursive CTE steps through the claims of every group at once,
-- one position per iteration, carrying each group's cluster heads as a list (DuckDB's lists and
-- lambdas). It runs as many iterations as the largest group has voting claims.
--
-- Step 2, independence: union-find over origins, as connected components. The origins of a
-- cluster's claims (as in corroboration.sql, coded as integers) are the nodes; each claim joins
-- its speaker to each of its sources. The components are found by label propagation in a
-- recursive CTE (every node reaches every node of its component, with UNION so that it stops),
-- the component's label being its smallest node; the claims of a cluster fall into as many
-- independent groups as its origin graph has components. The components are small (a speaker
-- and a source or two), so the quadratic reach is cheap.
--
-- Shapes measured at 100,000 claims (best of 5, quiet machine): this one 148.8 ms; settling
-- first, with one join and an aggregate, the groups whose claims all agree with their first
-- claim and clustering only the others (variants/corroborations_shortcut.sql) 156.3 ms: the
-- recursion is not where most of the time goes once the groups are small; propagating minimum
-- labels in a recursive CTE keyed with USING KEY (variants/corroborations_keyed.sql), which
-- does less work on large components, 172.8 ms on these small ones. Materialising the cluster
-- assignment, or numbering the claims without counting each group, changed nothing measurable.
-- DuckDB's profiler puts about a quarter of the time in the clustering recursion, a sixth in
-- the numbering of the claims in each group and a fifth in the reach of the components.
--
-- The roots of the translations and republications are walked as in corroboration.sql.
WITH RECURSIVE voting AS (
    SELECT c.id, c.subject, c.predicate, c.qualifier, c.object, c.lo, c.hi, c.scale, c.polarity,
           c.time_lo, c.time_hi, p.tolerance,
           row_number() OVER (PARTITION BY c.subject, c.predicate, c.qualifier ORDER BY c.id) AS pos,
           count(*) OVER (PARTITION BY c.subject, c.predicate, c.qualifier) AS size
    FROM claims c JOIN predicates p ON p.id = c.predicate
    WHERE c.modality <> 'Question' AND c.stance <> 'Carried'
),
step(subject, predicate, qualifier, pos, claim, head, heads) AS (
    SELECT subject, predicate, qualifier, pos, id, id,
           [{'id': id, 'object': object, 'lo': lo, 'hi': hi, 'scale': scale, 'polarity': polarity,
             'time_lo': time_lo, 'time_hi': time_hi}]
    FROM voting WHERE pos = 1 AND size > 1
    UNION ALL
    SELECT n.subject, n.predicate, n.qualifier, n.pos, n.id, coalesce(n.found, n.id),
           CASE WHEN n.found IS NULL
                THEN list_append(n.heads, {'id': n.id, 'object': n.object, 'lo': n.lo, 'hi': n.hi,
                                           'scale': n.scale, 'polarity': n.polarity,
                                           'time_lo': n.time_lo, 'time_hi': n.time_hi})
                ELSE n.heads END
    FROM (
        SELECT v.*, s.heads,
               list_filter(s.heads, lambda h: h.polarity = v.polarity
                   AND h.time_lo <= v.time_hi AND v.time_lo <= h.time_hi
                   AND h.object = v.object
                   AND (CASE WHEN h.hi < v.lo THEN v.lo - h.hi WHEN v.hi < h.lo THEN h.lo - v.hi ELSE 0.0 END)
                       <= v.tolerance * greatest(h.scale, v.scale))[1].id AS found
        FROM step s
        JOIN voting v ON v.subject = s.subject AND v.predicate = s.predicate AND v.qualifier = s.qualifier
                     AND v.pos = s.pos + 1
    ) n
),
proposition AS (
    SELECT head, any_value(subject) AS subject, any_value(predicate) AS predicate,
           any_value(qualifier) AS qualifier, count(*) AS claims
    FROM step GROUP BY head HAVING count(*) >= 2
),
member AS (
    SELECT s.head, c.id, c.speaker, c.source, c.said_in, c.mode
    FROM step s JOIN proposition p ON p.head = s.head JOIN claims c ON c.id = s.claim
),
text_link AS (
    SELECT source, target FROM derivations WHERE kind IN ('translation_of', 'republication_of')
),
walk(start, here, path) AS (
    SELECT DISTINCT source, source, ',' || source || ',' FROM member
    WHERE said_in IS NULL AND mode IN ('Authorial', 'Inserted')
    UNION ALL
    SELECT w.start, l.target, w.path || l.target || ','
    FROM walk w JOIN text_link l ON l.source = w.here
    WHERE w.path NOT LIKE '%,' || l.target || ',%'
),
root AS (
    SELECT DISTINCT w.start, w.here AS root FROM walk w
    WHERE NOT EXISTS (SELECT 1 FROM text_link l WHERE l.source = w.here)
       OR EXISTS (SELECT 1 FROM text_link l WHERE l.source = w.here AND w.path LIKE '%,' || l.target || ',%')
),
-- Edges of each proposition's origin graph, both ways, and a loop at every speaker.
edge(head, a, b) AS (
    SELECT head, 2 * speaker, 2 * speaker FROM member
    UNION ALL
    SELECT head, 2 * speaker, 2 * said_in + 1 FROM member WHERE said_in IS NOT NULL
    UNION ALL
    SELECT head, 2 * said_in + 1, 2 * speaker FROM member WHERE said_in IS NOT NULL
    UNION ALL
    SELECT m.head, 2 * m.speaker, 2 * r.root + 1
    FROM member m JOIN root r ON r.start = m.source
    WHERE m.said_in IS NULL AND m.mode IN ('Authorial', 'Inserted')
    UNION ALL
    SELECT m.head, 2 * r.root + 1, 2 * m.speaker
    FROM member m JOIN root r ON r.start = m.source
    WHERE m.said_in IS NULL AND m.mode IN ('Authorial', 'Inserted')
),
link AS (SELECT DISTINCT head, a, b FROM edge),
reach(head, node, label) AS (
    SELECT DISTINCT head, a, a FROM link
    UNION
    SELECT r.head, l.b, r.label FROM reach r JOIN link l ON l.head = r.head AND l.a = r.node
),
component AS (
    SELECT head, node, min(label) AS label FROM reach GROUP BY head, node
),
independent AS (
    SELECT head, count(DISTINCT label) AS independent FROM component GROUP BY head
)
SELECT p.head, p.subject, p.predicate, p.qualifier, p.claims, i.independent
FROM proposition p JOIN independent i ON i.head = p.head
