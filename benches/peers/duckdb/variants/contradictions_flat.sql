-- contradictions.sql written as one flat self-join over every voting claim: the straightforward
-- shape, kept to measure what the pre-filter of candidate groups gains.
WITH claim AS (
    SELECT c.id, c.subject, c.predicate, c.qualifier, c.object, c.lo, c.hi, c.scale, c.polarity,
           c.time_lo, c.time_hi, p.single, p.tolerance
    FROM claims c JOIN predicates p ON p.id = c.predicate
    WHERE c.modality <> 'Question' AND c.stance <> 'Carried'
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
