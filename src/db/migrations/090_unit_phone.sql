-- 090: a unit's public consultation number (咨询电话), shown on every page of
-- its activities. An office line or a service number, never a person's
-- mobile: unit_set_phone refuses mobiles. Empty until the unit admin sets it.
ALTER TABLE units ADD COLUMN consult_phone TEXT NOT NULL DEFAULT '';
