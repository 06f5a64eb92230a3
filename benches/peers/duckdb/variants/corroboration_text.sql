-- corroboration.sql with each origin as a text code ('a17', 's4') instead of one integer.
WITH RECURSIVE text_link AS (
    SELECT source, target FROM derivations WHERE kind IN ('translation_of', 'republication_of')
),
walk(start, here, path) AS (
    SELECT DISTINCT source, source, ',' || source || ',' FROM claims
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
