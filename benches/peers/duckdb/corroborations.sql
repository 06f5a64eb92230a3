-- Corroborations: claimgraph::query::corroborations(graph, 2), one row per proposition stated by
-- at least two agreeing claims: its first claim, its group, how many claims state it and how
-- many independent origins support it (claims sharing an origin count once, transitively).
--
-- Step 1, the propositions, clustered as the library clusters them (chained agreement). Within
-- a proposition group, the voting claims (no questions, nothing carried without endorsement) of
-- each polarity are split first into value runs, the connected sets of claims whose objects
-- agree (each agrees with one before it), then each value run into time runs, the connected
-- sets whose time scopes overlap. Both are found as the library finds them, by sorting:
--   - objects that are terms (actors, claims, texts, truth values) agree when equal: one run per
--     term;
--   - quantities and dates agree when their ranges meet within the predicate's tolerance (the
--     gap over the larger finite bound in magnitude, 0 for dates). Each range reaches down to
--     lo - tolerance * scale: the lowest upper bound of a value that still agrees with it. In
--     order of that reach, a claim opens a new run unless it agrees with the highest upper bound
--     of the claims before it (the same test the library's sort keys reproduce bit for bit:
--     (lo - highest) / scale <= tolerance);
--   - time runs likewise, in order of the start of the time scope: a claim opens a new run when
--     its scope starts after every scope before it has ended.
-- The highest bound before a claim is a window aggregate (ROWS ... 1 PRECEDING), and the run
-- number the running count of the claims that open one: no recursion, one sort per step.
-- Like the sweeps it follows, this holds for quantities whose bounds are not negative; the
-- library compares a group holding a negative or undefined bound pair by pair instead (the
-- corpora compared here have none).
--
-- Step 2, independence: union-find over origins, as connected components. The origins of a
-- proposition's claims (as in corroboration.sql, coded as integers) are the nodes; each claim
-- joins its speaker to each of its sources. The components are found by label propagation in a
-- recursive CTE (every node reaches every node of its component, with UNION so that it stops),
-- the component's label being its smallest node; the claims of a proposition fall into as many
-- independent groups as its origin graph has components. The components are small (a speaker
-- and a source or two), so the quadratic reach is cheap. The roots of the translations and
-- republications are found as corroboration.sql finds them.
--
-- Standard SQL (window functions, WITH RECURSIVE, greatest): checked on SQLite too (sqlite.py).
WITH RECURSIVE voting AS (
    SELECT c.id, c.subject, c.predicate, c.qualifier, c.polarity, c.object, c.lo, c.hi, c.scale,
           c.time_lo, c.time_hi, p.tolerance,
           CASE WHEN c.object = 'range' THEN c.lo - p.tolerance * c.scale ELSE 0.0 END AS reach
    FROM claims c JOIN predicates p ON p.id = c.predicate
    WHERE c.modality <> 'Question' AND c.stance <> 'Carried'
),
value_step AS (
    SELECT v.*,
           max(hi) OVER (PARTITION BY subject, predicate, qualifier, polarity, object
                         ORDER BY reach, id ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS highest
    FROM voting v
),
value_run AS (
    SELECT s.*,
           sum(CASE WHEN highest IS NULL THEN 1
                    WHEN object <> 'range' OR lo <= highest THEN 0
                    WHEN scale > 0 AND (lo - highest) / scale <= tolerance THEN 0
                    ELSE 1 END)
               OVER (PARTITION BY subject, predicate, qualifier, polarity, object
                     ORDER BY reach, id ROWS UNBOUNDED PRECEDING) AS vrun
    FROM value_step s
),
time_step AS (
    SELECT r.*,
           max(time_hi) OVER (PARTITION BY subject, predicate, qualifier, polarity, object, vrun
                              ORDER BY time_lo, id ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS ended
    FROM value_run r
),
clustered AS (
    SELECT t.*,
           sum(CASE WHEN ended IS NULL OR time_lo > ended THEN 1 ELSE 0 END)
               OVER (PARTITION BY subject, predicate, qualifier, polarity, object, vrun
                     ORDER BY time_lo, id ROWS UNBOUNDED PRECEDING) AS trun
    FROM time_step t
),
placed AS (
    SELECT id, subject, predicate, qualifier,
           min(id) OVER (PARTITION BY subject, predicate, qualifier, polarity, object, vrun, trun) AS head,
           count(*) OVER (PARTITION BY subject, predicate, qualifier, polarity, object, vrun, trun) AS size
    FROM clustered
),
proposition AS (
    SELECT head, min(subject) AS subject, min(predicate) AS predicate, min(qualifier) AS qualifier,
           count(*) AS claims
    FROM placed WHERE size >= 2 GROUP BY head
),
member AS (
    SELECT p.head, c.id, c.speaker, c.source, c.said_in, c.mode
    FROM placed p JOIN claims c ON c.id = p.id
    WHERE p.size >= 2
),
text_link AS (
    SELECT source, target FROM derivations WHERE kind IN ('translation_of', 'republication_of')
),
reach(start, here) AS (
    SELECT DISTINCT source, source FROM member
    WHERE said_in IS NULL AND mode IN ('Authorial', 'Inserted')
    UNION
    SELECT r.start, l.target FROM reach r JOIN text_link l ON l.source = r.here
),
onward(node, here) AS (
    SELECT DISTINCT here, here FROM reach
    UNION
    SELECT o.node, l.target FROM onward o JOIN text_link l ON l.source = o.here
),
root AS (
    SELECT r.start, r.here AS root FROM reach r
    WHERE NOT EXISTS (SELECT 1 FROM text_link l WHERE l.source = r.here)
       OR NOT EXISTS (
           SELECT 1 FROM onward o WHERE o.node = r.here
           AND NOT EXISTS (SELECT 1 FROM onward b WHERE b.node = o.here AND b.here = r.here)
       )
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
spread(head, node, label) AS (
    SELECT DISTINCT head, a, a FROM link
    UNION
    SELECT s.head, l.b, s.label FROM spread s JOIN link l ON l.head = s.head AND l.a = s.node
),
component AS (
    SELECT head, node, min(label) AS label FROM spread GROUP BY head, node
),
independent AS (
    SELECT head, count(DISTINCT label) AS independent FROM component GROUP BY head
)
SELECT p.head, p.subject, p.predicate, p.qualifier, p.claims, i.independent
FROM proposition p JOIN independent i ON i.head = p.head
