-- corroboration.sql with each origin as a text code ('a17', 's4') instead of one integer.
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
    SELECT subject, predicate, qualifier, 'a' || speaker AS origin FROM claims
    UNION ALL
    SELECT subject, predicate, qualifier, 's' || said_in FROM claims WHERE said_in IS NOT NULL
    UNION ALL
    SELECT c.subject, c.predicate, c.qualifier, 's' || r.root
    FROM claims c JOIN root r ON r.start = c.source
    WHERE c.said_in IS NULL AND c.mode IN ('Authorial', 'Inserted')
)
SELECT subject, predicate, qualifier, count(DISTINCT origin) AS origins
FROM origin
GROUP BY subject, predicate, qualifier
