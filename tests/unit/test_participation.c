/* test_participation.c: src/domain/participation.c: phone numbers, capacity
 * and the waiting list, tokens stored only as hashes, check-in and ratings,
 * and nothing written (or audited) when a request is refused. */
#include "testlib.h"
#include "domain/participation.h"
#include <string.h>

TestSuite(phone);
TestSuite(part, .init = t_setup, .fini = t_teardown);

Test(phone, normalises_the_ways_people_write_a_mobile_number)
{
	const char *ok[][2] = {
		{"13812345678", "13812345678"}, {"138 1234 5678", "13812345678"}, {"138-1234-5678", "13812345678"},
		{"+86 138 1234 5678", "13812345678"}, {"8613812345678", "13812345678"}, {"0086 13812345678", "13812345678"},
		{"(138)12345678", "13812345678"}, {"１３８１２３４５６７８", "13812345678"}, {"138\xe3\x80\x80" "12345678", "13812345678"},
		{"19912345678", "19912345678"},
	};
	for (size_t i = 0; i < sizeof ok / sizeof *ok; i++) {
		char out[12];
		cr_assert(phone_normalize(ok[i][0], out), "refused %s", ok[i][0]);
		cr_assert_str_eq(out, ok[i][1]);
	}
	const char *bad[] = {"", "1381234567", "138123456789", "12812345678", "23812345678", "0138123456", "138 1234 567a",
			     "138.1234.5678", "１３８", "+8613812345678+", "99913812345678", "861381234567"};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		char out[12] = "x";
		cr_assert(!phone_normalize(bad[i], out), "accepted \"%s\"", bad[i]);
		cr_assert_str_eq(out, "", "out is cleared on refusal");
	}
}

Test(phone, mask_keeps_three_and_four)
{
	arena a = {0};
	cr_assert_str_eq(phone_mask(&a, "13812345678"), "138****5678");
	cr_assert_str_eq(phone_mask(&a, NULL), "");
	cr_assert_str_eq(phone_mask(&a, "123"), "****");
	arena_free(&a);
}

/* A published activity of the root unit with this capacity (-1 unlimited),
 * from start to end seconds after t_who.now. */
static long long activity_with(long long capacity, long long start, long long end)
{
	long long root = unit_root(D);
	if (!db_exists(D, "SELECT 1 FROM weeks", NULL))
		cr_assert_eq(db_exec(D, "INSERT INTO weeks(unit_id, year, title, theme, starts_on, ends_on, deadline_at, created_at,"
					" updated_at) VALUES (?1, 2022, '周', '主题', '2022-12-01', '2022-12-07', 0, 0, 0)", "I", root), 0);
	cr_assert_eq(db_exec(D, "INSERT INTO activities(week_id, unit_id, title, host, mode, starts_at, ends_at, capacity, status,"
				" checkin_code, created_at, updated_at) VALUES ((SELECT id FROM weeks), ?1, '讲座', '学院', 'offline',"
				" ?2, ?3, NULLIF(?4, -1), 'published', 'code0123', 0, 0)",
			     "IIII", root, t_who.now + start, t_who.now + end, capacity), 0);
	return db_last_id(D);
}

static registration sign_up(long long id, const char *name, const char *phone, part_rc want)
{
	registration g;
	char token[TOKEN_HEX + 1];
	errs e = {0};
	part_rc rc = registration_create(D, &A, &t_who, id, S(name), phone ? S(phone) : NULL, false, &g, token, &e);
	cr_assert_eq(rc, want, "%s: rc %d, want %d (%s)", name, rc, want, errs_summary(&e, &A));
	if (rc == PART_OK) {
		cr_assert_eq(strlen(token), TOKEN_HEX);
		/* only the hash is stored */
		cr_assert(!db_exists(D, "SELECT 1 FROM registrations WHERE cancel_hash = ?1", "t", token));
		registration again;
		cr_assert(registration_by_token(D, &A, token, &again) && again.id == g.id);
	}
	return g;
}

Test(part, capacity_then_waiting_list_then_moving_up)
{
	long long id = activity_with(2, 3600, 7200);
	registration a = sign_up(id, "甲", "13800000001", PART_OK);
	registration b = sign_up(id, "乙", "13800000002", PART_OK);
	registration c = sign_up(id, "丙", "13800000003", PART_OK);
	registration d = sign_up(id, "丁", "13800000004", PART_OK);
	cr_assert_str_eq(a.status, "confirmed");
	cr_assert_str_eq(b.status, "confirmed");
	cr_assert_str_eq(c.status, "waiting");
	cr_assert_eq(c.waiting_pos, 1);
	cr_assert_eq(d.waiting_pos, 2);

	long long promoted;
	cr_assert_eq(registration_cancel(D, &A, &t_who, a.id, &promoted), PART_OK);
	cr_assert_eq(promoted, c.id, "the first waiting moves up");
	registration now;
	registration_load(D, &A, d.id, &now);
	cr_assert_eq(now.waiting_pos, 1);
	cr_assert_eq(registration_cancel(D, &A, &t_who, a.id, &promoted), PART_ALREADY);
	cr_assert_eq(promoted, 0);
	reg_counts n = registration_counts(D, id);
	cr_assert(n.confirmed == 2 && n.waiting == 1 && n.cancelled == 1);

	/* staff raised the capacity: the next sign-up fills from the list first */
	cr_assert_eq(db_exec(D, "UPDATE activities SET capacity = 4 WHERE id = ?1", "I", id), 0);
	registration e = sign_up(id, "戊", "13800000005", PART_OK);
	registration_load(D, &A, d.id, &now);
	cr_assert_str_eq(now.status, "confirmed", "丁 moved up before 戊");
	cr_assert_str_eq(e.status, "confirmed");
}

Test(part, refusals_write_nothing)
{
	long long id = activity_with(5, 3600, 7200);
	sign_up(id, "甲", "13800000001", PART_OK);
	long long regs = t_count("registrations"), audits = t_count("audit_log");
	/* a duplicate is answered as a new sign-up would be, and recorded nowhere */
	registration dup = sign_up(id, "甲", "+86 138 0000 0001", PART_OK);
	cr_assert_lt(dup.id, 0);
	cr_assert_eq(t_count("registrations"), regs);
	cr_assert_eq(t_count("audit_log"), audits);
	sign_up(id, "乙", "1380000000", PART_INVALID);
	sign_up(id, "", "13800000009", PART_INVALID);
	sign_up(id, "乙", NULL, PART_INVALID);
	sign_up(9999, "乙", "13800000009", PART_NOT_FOUND);
	long long ended = activity_with(5, -7200, -3600);
	regs = t_count("registrations"), audits = t_count("audit_log");
	sign_up(ended, "乙", "13800000009", PART_ENDED);
	cr_assert_eq(db_exec(D, "UPDATE activities SET status = 'cancelled' WHERE id = ?1", "I", id), 0);
	sign_up(id, "乙", "13800000009", PART_CANCELLED);
	cr_assert_eq(db_exec(D, "UPDATE activities SET status = 'draft' WHERE id = ?1", "I", id), 0);
	sign_up(id, "乙", "13800000009", PART_NOT_FOUND);
	cr_assert_eq(t_count("registrations"), regs);
	cr_assert_eq(t_count("audit_log"), audits);
}

Test(part, audit_has_the_phone_masked)
{
	long long id = activity_with(-1, 3600, 7200);
	sign_up(id, "甲", "13812345678", PART_OK);
	t_audit a = t_last_audit();
	cr_assert_str_eq(a.action, "signup");
	cr_assert(strstr(a.new_value, "138****5678"), "%s", a.new_value);
	cr_assert(!db_exists(D, "SELECT 1 FROM audit_log WHERE instr(coalesce(new_value, '') || coalesce(old_value, '')"
				" || summary, '13812345678') > 0", NULL), "a full phone number in the audit log");
}

Test(part, checkin_matches_name_and_last_four_then_rates_once)
{
	long long id = activity_with(-1, 3600, 7200);
	activity x;
	cr_assert(activity_load(D, &A, id, &x));
	cr_assert(checkin_code_ok(&x, "code0123"));
	cr_assert(!checkin_code_ok(&x, "code012"));
	cr_assert(!checkin_code_ok(&x, "code0124"));
	cr_assert(!checkin_code_ok(&x, NULL));
	cr_assert_eq(checkin_window(&x, t_who.now), PART_OK, "open 2 hours before");
	cr_assert_eq(checkin_window(&x, t_who.now - 3 * 3600), PART_NOT_OPEN);
	cr_assert_eq(checkin_window(&x, t_who.now + 7200 + 7 * 3600), PART_ENDED);

	registration g = sign_up(id, "张秀英", "13812345678", PART_OK);
	checkin c;
	char token[TOKEN_HEX + 1];
	errs e = {0};
	cr_assert_eq(checkin_create(D, &A, &t_who, &x, S("张秀英"), S("1234"), &c, token, &e), PART_NO_MATCH);
	cr_assert_eq(checkin_create(D, &A, &t_who, &x, S("张秀英"), S("12a4"), &c, token, &e), PART_INVALID);
	e.n = 0;
	cr_assert_eq(checkin_create(D, &A, &t_who, &x, S(" 张秀英 "), S("５６７８"), &c, token, &e), PART_OK);
	cr_assert_eq(c.registration_id, g.id);
	checkin again;
	char none[TOKEN_HEX + 1];
	cr_assert_eq(checkin_create(D, &A, &t_who, &x, S("张秀英"), S("5678"), &again, none, &e), PART_ALREADY);
	cr_assert_str_eq(none, "", "a refused check-in hands out no token");
	cr_assert_eq(t_count("checkins"), 1);
	cr_assert_eq(registration_cancel(D, &A, &t_who, g.id, NULL), PART_CHECKED_IN);

	/* the walk-in */
	char walk[TOKEN_HEX + 1];
	cr_assert_eq(checkin_create(D, &A, &t_who, &x, S("路人"), S(""), &again, walk, &e), PART_OK);
	cr_assert_eq(again.registration_id, 0);

	cr_assert_eq(rating_create(D, &A, &t_who, id, "nope", "satisfied", "", &e), PART_DENIED);
	cr_assert_eq(rating_create(D, &A, &t_who, id + 1, token, "satisfied", "", &e), PART_NOT_FOUND);
	cr_assert_eq(rating_create(D, &A, &t_who, id, token, "great", "", &e), PART_INVALID);
	e.n = 0;
	cr_assert_eq(rating_create(D, &A, &t_who, id, token, "satisfied", "很好", &e), PART_OK);
	cr_assert_eq(rating_create(D, &A, &t_who, id, token, "basic", "", &e), PART_ALREADY);
	cr_assert_eq(rating_create(D, &A, &t_who, id, walk, "unsatisfied", "", &e), PART_OK);
	satisfaction s = activity_satisfaction(D, id);
	cr_assert(s.total == 2 && s.satisfied == 1 && s.unsatisfied == 1);
	cr_assert(!db_exists(D, "SELECT 1 FROM checkins WHERE rating_hash = ?1", "t", token), "only the hash is stored");
}
