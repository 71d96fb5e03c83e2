-- 091: the streets and towns of a week's published activities (离我近的), read
-- from this index alone: grouped by unit and street, never the whole table.
CREATE INDEX activities_week_street ON activities(week_id, unit_id, street) WHERE status = 'published' AND street <> '';
