-- Contradictions inside proposition groups (claims with the same subject, predicate and
-- qualifier), one row per conflicting group and rule, as claimgraph::query::contradictions finds
-- them (its polarity, single-value and quantity rules; the last two reported as 'value'):
--   polarity: one claim affirms and another denies a value that is not different;
--   value:    two affirmed claims of a single-valued predicate with different values.
-- Values differ when their terms differ, or when their ranges (normalised quantities, dates as
-- day numbers) lie further apart than the predicate's tolerance times the larger magnitude.
-- Questions and claims carried without endorsement (stance 'Carried') never count; claims whose
-- time scopes do not overlap never contradict. Same semantics as benches/sparql/contradictions.rq.
--
-- Shape: the groups that can conflict are found first with one aggregate (a group of voting
-- claims that all share one polarity, and for a single-valued predicate one value, cannot), and
-- only their claims are paired: a hash self-join on (subject, predicate, qualifier) over a few
-- percent of the claims. Measured against the flat self-join over every voting claim
-- (variants/contradictions_flat.sql): that one pairs every claim of every group, 2-3x slower.
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
