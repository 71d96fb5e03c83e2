-- 112: overrides that cannot slip (issue 12, point 6). What the system said
-- when the unit saved its own wording of a derived field: when the records
-- change after, the form flags the field at submit ("系统统计已变为…"). NULL
-- for wording saved before: nothing to compare with.
ALTER TABLE report_fields ADD COLUMN derived_then TEXT;
