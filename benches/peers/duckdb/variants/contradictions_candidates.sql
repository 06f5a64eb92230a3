-- contradictions.sql with the groups that can conflict found first: a group of voting claims
-- that all share one polarity, and for a single-valued predicate one value, cannot conflict, so
-- one aggregate picks the candidate groups and only their claims are paired.
WITH voting AS (
    SELECT c.id, c.subject, c.predicate, c.qualifier, c.object, c.lo, c.hi, c.scale, c.polarity,
           c.time_lo, c.time_hi
    FROM claims c
    WHERE c.modality <> 'Question' AND c.stance <> 'Carried'
),
candidate AS (
    SELECT v.subject, v.predicate, v.qualifier
    FROM voting v JOIN predicates p ON p.id = v.predicate
    GROUP BY v.subject, v.predicate, v.qualifier, p.single
    HAVING count(*) > 1
       AND (min(v.polarity) <> max(v.polarity)
            OR (p.single AND (min(v.object) <> max(v.object) OR min(v.lo) <> max(v.lo) OR min(v.hi) <> max(v.hi))))
),
claim AS (
    SELECT v.*, p.single, p.tolerance
    FROM voting v
    JOIN candidate g ON g.subject = v.subject AND g.predicate = v.predicate AND g.qualifier = v.qualifier
    JOIN predicates p ON p.id = v.predicate
),
pair AS (
    SELECT a.subject, a.predicate, a.qualifier, a.single, a.polarity AS pola, b.polarity AS polb,
           a.object <> b.object
             OR (CASE WHEN a.hi < b.lo THEN b.lo - a.hi WHEN b.hi < a.lo THEN a.lo - b.hi ELSE 0.0 END)
                > a.tolerance * greatest(a.scale, b.scale) AS different
    FROM claim a
    JOIN claim b ON a.subject = b.subject AND a.predicate = b.predicate AND a.qualifier = b.qualifier
    WHERE a.id < b.id AND a.time_lo <= b.time_hi AND b.time_lo <= a.time_hi
)
SELECT DISTINCT subject, predicate, qualifier,
       CASE WHEN pola <> polb THEN 'polarity' ELSE 'value' END AS rule
FROM pair
WHERE (pola <> polb AND NOT different)
   OR (pola = polb AND single AND pola = 'Affirmed' AND different)
