-- corroborations.sql with the components found by min-label propagation: a recursive CTE
-- keyed by (proposition, origin) with DuckDB's USING KEY keeps one label per node and passes on
-- only the labels that changed, instead of every node reaching every node of its component.
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
component(head, node, label) USING KEY (head, node) AS (
    SELECT DISTINCT head, a, a FROM link
    UNION
    SELECT l.head, l.b, min(r.label)
    FROM component r
    JOIN link l ON l.head = r.head AND l.a = r.node
    JOIN recurring.component k ON k.head = l.head AND k.node = l.b
    GROUP BY l.head, l.b
    HAVING min(r.label) < min(k.label)
),
independent AS (
    SELECT head, count(DISTINCT label) AS independent FROM component GROUP BY head
)
SELECT p.head, p.subject, p.predicate, p.qualifier, p.claims, i.independent
FROM proposition p JOIN independent i ON i.head = p.head
