/* demo.c: seeds the 2022 Nanchang week exactly as the notice gives it: the
 * theme, the first week of December (2022-12-01 to 2022-12-07), reports due
 * before 10 December, the 13 reporting units of domain.md, one centre admin
 * and one admin per unit with random passwords. */
#include "demo.h"
#include "org.h"
#include "activity.h"
#include "core/embed.h"
#include "core/timefmt.h"
#include "db/filestore.h"
#include <cairo.h>
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

/* Demo activities: realistic titles and hosts for each content item. */
static const struct {
	const char *title, *host, *content, *subjects, *forms, *audiences, *mode, *venue, *street;
	int day, hour, hours, capacity, reported;
	bool featured;
} demo_acts[] = {
	{"党的二十大精神进社区宣讲会", "%s社区教育学院", "1", "思想道德", "宣讲", "城乡社区居民、老年人群", "offline",
	 "%s市民学校多功能厅", "%s街道", 1, 9, 2, 80, 0, true},
	{"“学习二十大”主题展板巡展", "%s文化馆", "1", "", "展板", "城乡社区居民", "offline", "%s文化馆一楼展厅", "%s街道", 2, 9, 8, 0, 650, false},
	{"家庭教育公益讲座：陪伴孩子成长", "%s社区教育学院", "2", "家庭教育、代际沟通", "讲座", "城乡社区居民、青少年", "both",
	 "%s社区学校202室", "%s街道", 3, 19, 2, 60, 0, false},
	{"职业技能线上大讲堂：电商直播入门", "%s职业技术学校", "2、4", "职业技能", "培训、网络平台", "进城农民工、现代服务业员工", "online",
	 "", "", 4, 14, 2, 0, 420, true},
	{"开放校园日：走进实训基地", "%s职业技术学校", "3", "科学文化", "观摩", "企业职工、青少年", "offline", "%s职业技术学校实训楼", "%s镇", 5, 9, 3, 40, 0, false},
	{"图书馆读书沙龙：好书共读", "%s图书馆", "4、5", "闲暇生活", "读书活动、交流", "城乡社区居民、老年人群", "offline",
	 "%s图书馆二楼阅览室", "%s街道", 6, 15, 2, 30, 0, false},
	{"智慧助老：手机挂号与健康码使用培训", "%s老年大学", "6", "养生保健", "培训", "老年人群", "offline", "%s老年大学电脑教室", "%s街道", 2, 14, 2, 25, 0, true},
	{"退役军人法律法规专题讲座", "%s退役军人服务站", "2", "法律法规", "讲座", "退役军人", "offline", "%s退役军人服务站会议室", "%s街道", 7, 10, 2, 50, 0, false},
};

static cairo_status_t png_sink(void *closure, const unsigned char *data, unsigned int len)
{
	return fs_write(closure, data, len) == 0 ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_WRITE_ERROR;
}

/* A demo photo: a coloured PNG drawn with cairo, stored like an upload. */
static void demo_photo(db *d, arena *a, const actor *who, const char *data_dir, long long activity_id, int hue)
{
	cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 480, 320);
	cairo_t *cr = cairo_create(s);
	static const double colors[][3] = {{.65, .11, .11}, {.11, .42, .2}, {.05, .31, .66}, {.55, .3, 0}};
	const double *c = colors[hue % 4];
	cairo_set_source_rgb(cr, c[0], c[1], c[2]);
	cairo_paint(cr);
	cairo_set_source_rgba(cr, 1, 1, 1, .85);
	for (int i = 0; i < 6; i++) {
		cairo_arc(cr, 60 + i * 75, 220 - (i % 3) * 30, 26, 0, 6.2832);
		cairo_fill(cr);
	}
	cairo_rectangle(cr, 40, 40, 400, 90);
	cairo_fill(cr);
	cairo_destroy(cr);
	upload u;
	if (fs_begin(data_dir, &u) == 0 && cairo_surface_write_to_png_stream(s, png_sink, &u) == CAIRO_STATUS_SUCCESS &&
	    fs_finish(&u) == 0 && fs_keep(data_dir, &u) == 0)
		activity_photo_add(d, a, who, activity_id, u.sha256, u.size, "image/png", "活动现场.png");
	fs_discard(&u);
	cairo_surface_destroy(s);
}

static void seed_activities(db *d, arena *a, const actor *who, long long week_id, long long unit_id,
			    const char *unit_name, int unit_index, const char *data_dir)
{
	int n = (int)(sizeof demo_acts / sizeof *demo_acts);
	/* every unit gets five activities, a different mix each */
	for (int k = 0; k < 5; k++) {
		int i = (unit_index + k * 3) % n;
		activity_input in = {0};
		in.title = demo_acts[i].title;
		in.host = arena_printf(a, demo_acts[i].host, unit_name);
		in.mode = demo_acts[i].mode;
		in.venue = arena_printf(a, demo_acts[i].venue, unit_name);
		in.street = *demo_acts[i].street ? arena_printf(a, demo_acts[i].street, unit_name) : "";
		if (strcmp(demo_acts[i].mode, "offline"))
			in.online_url = "https://www.jxedu.gov.cn/";
		int day = (demo_acts[i].day + unit_index) % 7 + 1;
		in.starts_at = arena_printf(a, "2022-12-%02dT%02d:00", day, demo_acts[i].hour);
		in.ends_at = arena_printf(a, "2022-12-%02dT%02d:00", day, demo_acts[i].hour + demo_acts[i].hours);
		in.capacity = demo_acts[i].capacity ? arena_printf(a, "%d", demo_acts[i].capacity) : "";
		in.reported = demo_acts[i].reported ? arena_printf(a, "%d", demo_acts[i].reported + unit_index * 10) : "";
		in.featured = demo_acts[i].featured ? "1" : "";
		in.description = "本活动为演示数据。";
		tags *lists[] = {&in.content, &in.subjects, &in.forms, &in.audiences};
		const char *src[] = {demo_acts[i].content, demo_acts[i].subjects, demo_acts[i].forms, demo_acts[i].audiences};
		for (int l = 0; l < 4; l++) {
			const char **v = arena_alloc(a, sizeof(char *) * 8);
			int m = 0;
			char *copy = arena_strdup(a, src[l]);
			for (char *p = copy; p && *p && m < 8;) {
				char *e = strstr(p, "、");
				if (e)
					*e = 0;
				v[m++] = p;
				p = e ? e + 3 : NULL;
			}
			lists[l]->v = v;
			lists[l]->n = m;
		}
		activity x = {0};
		errs e = {0};
		const char *warning;
		if (activity_parse(d, a, &in, week_id, &x, &e, &warning) < 0) {
			fprintf(stderr, "demo activity: %s\n", errs_summary(&e, a));
			continue;
		}
		x.unit_id = unit_id;
		x.status = (unit_index + k) % 11 == 10 ? "cancelled" : "published";
		if (activity_save(d, a, who, &x, &e))
			demo_photo(d, a, who, data_dir, x.id, unit_index + k);
	}
}

static void random_password(char out[13])
{
	/* no 0/O, 1/l/I: read aloud over the phone without mistakes */
	static const char alphabet[] = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKMNPQRSTUVWXYZ23456789";
	for (int i = 0; i < 12; i++)
		out[i] = alphabet[randombytes_uniform(sizeof alphabet - 1)];
	out[12] = 0;
}

int demo_seed(db *d, arena *a, FILE *out, const char *data_dir)
{
	const char *accounts_file = arena_printf(a, "%s/demo-accounts.txt", data_dir);
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
		seed_activities(d, a, &who, wk.id, u.id, u.name, (int)i, data_dir);
		if (acc)
			fprintf(acc, "%s\t%s\tunit_admin\t%s\n", ua.username, pw, u.name);
	}
	if (acc)
		fclose(acc);
	return 0;
}
