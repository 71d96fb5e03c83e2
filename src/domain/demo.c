/* demo.c: seeds the 2022 Nanchang week exactly as the notice gives it: the
 * theme, the first week of December (2022-12-01 to 2022-12-07), reports due
 * before 10 December, the 13 reporting units of domain.md, one centre admin
 * and one admin per unit with random passwords. */
#include "demo.h"
#include "org.h"
#include "core/embed.h"
#include "core/timefmt.h"
#include <sodium.h>
#include <string.h>
#include <fcntl.h>

static const struct {
	const char *name, *kind, *code;
} nanchang_units[] = {
	{"东湖区", "区", "donghu"},
	{"西湖区", "区", "xihu"},
	{"青云谱区", "区", "qingyunpu"},
	{"青山湖区", "区", "qingshanhu"},
	{"新建区", "区", "xinjian"},
	{"红谷滩区", "区", "honggutan"},
	{"南昌县", "县", "nanchangxian"},
	{"进贤县", "县", "jinxian"},
	{"安义县", "县", "anyi"},
	{"湾里管理局", "管理局", "wanli"},
	{"南昌高新技术产业开发区", "开发区", "gaoxin"},
	{"南昌经济技术开发区", "开发区", "jingkai"},
	{"南昌临空经济区", "开发区", "linkong"},
};

static void random_password(char out[13])
{
	/* no 0/O, 1/l/I: read aloud over the phone without mistakes */
	static const char alphabet[] = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKMNPQRSTUVWXYZ23456789";
	for (int i = 0; i < 12; i++)
		out[i] = alphabet[randombytes_uniform(sizeof alphabet - 1)];
	out[12] = 0;
}

int demo_seed(db *d, arena *a, FILE *out, const char *accounts_file)
{
	actor who = {0, "demo", "", now_utc()};
	long long root = unit_root(d);
	errs e = {0};
	const embedded_file *notice = embedded_find("src/domain/notice_2022.txt");
	week wk = {0};
	wk.unit_id = root;
	wk.title = arena_strdup(a, "2022年南昌市全民终身学习活动周");
	wk.theme = arena_strdup(a, "学习贯彻二十大，终身学习向未来");
	wk.starts_on = arena_strdup(a, "2022-12-01");
	wk.ends_on = arena_strdup(a, "2022-12-07");
	wk.notice = arena_strdup(a, notice ? (const char *)notice->data : "");
	/* "12月10日前": the last moment of 9 December, Beijing time */
	if (!week_save(d, a, &who, &wk, "2022", "2022-12-09T23:59:59", &e)) {
		fprintf(stderr, "demo: %s\n", errs_summary(&e, a));
		return -1;
	}
	/* created 0600 from the start: a chmod after fopen left the passwords
	 * readable by everyone for a moment */
	int fd = open(accounts_file, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	FILE *acc = fd >= 0 ? fdopen(fd, "w") : NULL;
	fprintf(out, "演示账号（密码已保存到 %s）：\n", accounts_file);
	fprintf(out, "%-22s %-14s %s\n", "用户名", "密码", "单位 / 角色");
	char pw[13];
	account ca = {0};
	ca.username = arena_strdup(a, "centre_admin");
	ca.display_name = arena_strdup(a, "中心管理员");
	ca.role = "centre_admin";
	ca.unit_id = root;
	random_password(pw);
	if (!account_create(d, a, &who, &ca, pw, &e)) {
		fprintf(stderr, "demo: %s\n", errs_summary(&e, a));
		return -1;
	}
	fprintf(out, "%-19s %-12s %s\n", ca.username, pw, "市社区教育指导中心 / 中心管理员");
	if (acc)
		fprintf(acc, "%s\t%s\tcentre_admin\t\n", ca.username, pw);
	for (size_t i = 0; i < sizeof nanchang_units / sizeof *nanchang_units; i++) {
		unit u = {0};
		u.parent_id = root;
		u.name = arena_strdup(a, nanchang_units[i].name);
		u.kind = arena_strdup(a, nanchang_units[i].kind);
		u.code = arena_strdup(a, nanchang_units[i].code);
		u.sort_order = (long long)(i + 1) * 10;
		if (!unit_save(d, a, &who, &u, &e)) {
			fprintf(stderr, "demo: %s\n", errs_summary(&e, a));
			return -1;
		}
		account ua = {0};
		ua.username = arena_printf(a, "%s_admin", u.code);
		ua.display_name = arena_printf(a, "%s管理员", u.name);
		ua.role = "unit_admin";
		ua.unit_id = u.id;
		random_password(pw);
		if (!account_create(d, a, &who, &ua, pw, &e)) {
			fprintf(stderr, "demo: %s\n", errs_summary(&e, a));
			return -1;
		}
		fprintf(out, "%-19s %-12s %s / 单位管理员\n", ua.username, pw, u.name);
		if (acc)
			fprintf(acc, "%s\t%s\tunit_admin\t%s\n", ua.username, pw, u.name);
	}
	if (acc)
		fclose(acc);
	return 0;
}
