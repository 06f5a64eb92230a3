-- corroboration.sql with the roots found by reachability: a recursive CTE with UNION collects
-- the sources reached along text links (a cycle ends the walk), and the roots are those that
-- translate or republish nothing. The same answer as the crate's wherever text links form no
-- cycle; on a cycle the crate also counts the source where its walk closes the cycle.
WITH RECURSIVE text_link AS (
    SELECT source, target FROM derivations WHERE kind IN ('translation_of', 'republication_of')
),
walk(start, here) AS (
    SELECT DISTINCT source, source FROM claims
    WHERE said_in IS NULL AND mode IN ('Authorial', 'Inserted')
    UNION
    SELECT w.start, l.target FROM walk w JOIN text_link l ON l.source = w.here
),
root AS (
    SELECT w.start, w.here AS root FROM walk w
    WHERE NOT EXISTS (SELECT 1 FROM text_link l WHERE l.source = w.here)
),
origin AS (
    SELECT subject, predicate, qualifier, 2 * speaker AS origin FROM claims
    UNION ALL
    SELECT subject, predicate, qualifier, 2 * said_in + 1 FROM claims WHERE said_in IS NOT NULL
    UNION ALL
    SELECT c.subject, c.predicate, c.qualifier, 2 * r.root + 1
    FROM claims c JOIN root r ON r.start = c.source
    WHERE c.said_in IS NULL AND c.mode IN ('Authorial', 'Inserted')
)
SELECT subject, predicate, qualifier, count(DISTINCT origin) AS origins
FROM origin
GROUP BY subject, predicate, qualifier
