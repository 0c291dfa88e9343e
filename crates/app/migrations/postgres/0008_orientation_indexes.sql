-- Orientation beside case management: a participant can be a case's person (so a family is
-- enrolled from its case and its certificates count for the case), the orientation an office
-- requires before a case may move to `travel`, and indexes for the roster and the
-- knowledge-gain report.

ALTER TABLE participants ADD COLUMN person_id TEXT REFERENCES people(id);
CREATE UNIQUE INDEX participants_by_person ON participants (person_id);

-- An office requires a valid certificate of `stage` before travel on `pathway_id` ('*' = every
-- pathway of the office).
CREATE TABLE orientation_requirements (
    office_id  TEXT NOT NULL REFERENCES offices(id),
    pathway_id TEXT NOT NULL,
    stage      TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    created_by TEXT,
    PRIMARY KEY (office_id, pathway_id, stage)
);

-- The knowledge-gain report reads running totals instead of joining every module score: one
-- row per curriculum, office, reporting characteristics and module. A participant's module is
-- added once both quizzes cover it; `assessments::record` keeps the totals in step in the same
-- transaction (each quiz kind is taken once per enrolment, so a module completes only once).
CREATE TABLE orientation_gain_totals (
    curriculum_id      TEXT NOT NULL,
    office_id          TEXT NOT NULL,
    sex                TEXT NOT NULL,
    age_group          TEXT NOT NULL,
    nationality        TEXT NOT NULL,
    migration_category TEXT NOT NULL,
    module_key         TEXT NOT NULL,
    participants       BIGINT NOT NULL,
    pre_correct        BIGINT NOT NULL,
    pre_total          BIGINT NOT NULL,
    post_correct       BIGINT NOT NULL,
    post_total         BIGINT NOT NULL,
    PRIMARY KEY (curriculum_id, office_id, sex, age_group, nationality, migration_category, module_key)
);
INSERT INTO orientation_gain_totals (curriculum_id, office_id, sex, age_group, nationality, migration_category,
    module_key, participants, pre_correct, pre_total, post_correct, post_total)
SELECT m.curriculum_id, s.office_id, p.sex, p.age_group, p.nationality, p.migration_category, m.module_key,
    COUNT(*), SUM(m.pre_correct), SUM(m.pre_total), SUM(m.post_correct), SUM(m.post_total)
FROM orientation_module_scores m
JOIN orientation_enrolments e ON e.id = m.enrolment_id
JOIN orientation_sessions s ON s.id = e.session_id
JOIN participants p ON p.id = e.participant_id
WHERE m.pre_total IS NOT NULL AND m.post_total IS NOT NULL
GROUP BY m.curriculum_id, s.office_id, p.sex, p.age_group, p.nationality, p.migration_category, m.module_key;

-- The satisfaction figure walks a curriculum's sessions, their enrolments and feedback.
CREATE INDEX orientation_sessions_by_curriculum ON orientation_sessions (curriculum_id, office_id);

-- The satisfaction figure, kept the same way: answers and their sum per curriculum and office,
-- updated with each feedback in its transaction (a changed answer replaces its old value).
CREATE TABLE orientation_feedback_totals (
    curriculum_id    TEXT NOT NULL,
    office_id        TEXT NOT NULL,
    answered         BIGINT NOT NULL,
    satisfaction_sum BIGINT NOT NULL,
    PRIMARY KEY (curriculum_id, office_id)
);
INSERT INTO orientation_feedback_totals (curriculum_id, office_id, answered, satisfaction_sum)
SELECT s.curriculum_id, s.office_id, COUNT(*), SUM(f.satisfaction)
FROM orientation_feedback f
JOIN orientation_enrolments e ON e.id = f.enrolment_id
JOIN orientation_sessions s ON s.id = e.session_id
GROUP BY s.curriculum_id, s.office_id;
