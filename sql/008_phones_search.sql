-- 008: phone numbers in E.164, and a search that ignores accents and case.

-- Numbers typed before zdl parsed them (06 12 34 56 78, +33 6…, 0033…, 0692…), rewritten in
-- E.164 as the app now stores them (src/persons/phone.ts, libphonenumber-js). Only the readings
-- that are certain: French numbers, and the overseas departments' own prefixes; a number the app
-- would refuse (an unassigned range, a foreign or malformed one) is kept as typed, and counted by
-- countUnparsedPhones (src/persons/unparsed-phones.ts) for `zdl doctor`.
create function zdl.phone_e164(raw text) returns text
language sql immutable parallel safe as $$
  select case
    -- The overseas departments' ranges, typed nationally (0692…) or with their code (+262 692…).
    when n ~ '^(262|269|692|693)' and cc in ('0', '262') then '+262' || n
    when n ~ '^(590|690)' and cc in ('0', '590') then '+590' || n
    when n ~ '^(594|694)' and cc in ('0', '594') then '+594' || n
    when n ~ '^(696|697)' and cc in ('0', '596') then '+596' || n
    when cc not in ('0', '33') then raw
    -- No real French number there (those ranges are overseas, unassigned, or need more digits).
    when n ~ '^(262|40|590|594|639|69[0-467]|7[0-2]|84[135-9]|87)' then raw
    when n is not null then '+33' || n
    else raw end
  from (
    select coalesce(m[1], m[2]) as cc, m[3] as n
    from (select regexp_match(regexp_replace(raw, '[[:space:].()/-]', '', 'g'),
      '^(?:(0)|(?:\+|00)(33|262|590|594|596)0?)([1-9][0-9]{8})$') as m) matched
  ) parsed
$$;

update zdl.personnes
set telephone1 = zdl.phone_e164(telephone1), telephone2 = zdl.phone_e164(telephone2)
where telephone1 is not null or telephone2 is not null;

-- `persons list --search helene` finds « Hélène Lefèvre ». PGlite has no unaccent extension, and
-- a managed PostgreSQL may not either: this immutable function folds case and French accents
-- with lower + translate (the letters both cases, since lower() leaves them alone under the C
-- collation), œ and æ spelled out. Applied at query time to both sides of the comparison, so
-- there is no stored column to keep in step: a search is a sequential scan either way
-- (« %texte% » uses no b-tree), a few milliseconds for an association's thousands of persons.
create function zdl.search_fold(value text) returns text
language sql immutable parallel safe as $$
  select replace(replace(replace(replace(replace(
    translate(lower(value),
      'àâäáãåçéèêëíìîïñóòôöõúùûüýÿÀÂÄÁÃÅÇÉÈÊËÍÌÎÏÑÓÒÔÖÕÚÙÛÜÝŸ',
      'aaaaaaceeeeiiiinooooouuuuyyaaaaaaceeeeiiiinooooouuuuyy'),
    'œ', 'oe'), 'Œ', 'oe'), 'æ', 'ae'), 'Æ', 'ae'), 'ß', 'ss')
$$;
