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
-- Shape: one self-join of the voting claims on (subject, predicate, qualifier), which DuckDB
-- plans as a hash join; a group has a few claims, so the pairs number a few times the claims.
-- Finding the groups that can conflict first with an aggregate and pairing only their claims
-- (variants/contradictions_candidates.sql) pairs far fewer claims but is slower: at 100,000
-- claims, best of 5 on a quiet machine, 45.8 ms against 35.6 ms for this shape (10.4 against
-- 7.0 ms at 10,000): the extra aggregate and join over every claim cost more than the pairs
-- they save.
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
