-- attribution.sql walking from each distinct reading source once, the claims joined afterwards.
WITH RECURSIVE text_link AS (
    SELECT source, target FROM derivations WHERE kind IN ('translation_of', 'republication_of')
),
reach(start, source) AS (
    SELECT DISTINCT c.source, c.source FROM attribution_sample s JOIN claims c ON c.id = s.claim
    UNION
    SELECT r.start, l.target FROM reach r JOIN text_link l ON l.source = r.source
),
marked AS (
    SELECT r.start, r.source, NOT EXISTS (SELECT 1 FROM text_link l WHERE l.source = r.source) AS origin
    FROM reach r
)
SELECT c.id AS claim, m.source, m.origin
FROM attribution_sample s JOIN claims c ON c.id = s.claim JOIN marked m ON m.start = c.source
