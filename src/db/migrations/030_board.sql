-- 030: the centre's status board reads every activity of a week once, grouped by
-- unit: published count, participants (staff tally, reported number) and the
-- latest change. This index holds all of it, so the board and the checklist's
-- count of published activities never touch the table rows (a million
-- activities: about 0.3 s instead of 3.5 s on the development machine).
CREATE INDEX activities_board ON activities(week_id, unit_id, status, updated_at, staff_count, reported_participants);
