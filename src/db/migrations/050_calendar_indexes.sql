-- 050: indexes for the public calendar at a million activities (src/domain/calendar.c).

-- "On this day" is split by start: an activity that starts in the day, or at
-- most 8 hours before it and still runs, is found in one range of this index,
-- in the calendar's order (starts_at, id), its end checked from the index
-- alone. It replaces (week_id, status, starts_at), whose queries it serves too.
DROP INDEX activities_week_status;
CREATE INDEX activities_week_status_time ON activities(week_id, status, starts_at, id, ends_at);

-- ... and one that began earlier still is longer than 8 hours (an exhibition,
-- a course over several days): few, so they get an index of their own, by
-- end. The calendar's query repeats the condition word for word so that it
-- may be used. Status is last: the query tests it with <>, which keeps SQLite
-- off activities_week_status_time (that index would give the order without a
-- sort, and with no ANALYZE figures SQLite would walk the whole week on it).
CREATE INDEX activities_long ON activities(week_id, ends_at, starts_at, status) WHERE ends_at - starts_at > 28800;

-- A week's activities of one mode, in id order, to intersect with the
-- content and audience tags (activity_tags_value is in id order too).
CREATE INDEX activities_week_mode ON activities(week_id, mode);
