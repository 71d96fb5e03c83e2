/* main.c: the learnweek command line. Each command is one line of the table
 * below, with its options declared beside it (name, kind, whether required,
 * help); commands read their options by name, and `learnweek help` and
 * `learnweek COMMAND --help` are generated from the same table.
 * Exit status: 0 done, 1 failed, 2 bad command line or bad input. */
#include "core/log.h"
#include "core/text.h"
#include "core/timefmt.h"
#include "db/check.h"
#include "db/datadir.h"
#include "db/filestore.h"
#include "db/pg_migrate.h"
#include "db/sqlshell.h"
#include "domain/demo.h"
#include "domain/org.h"
#include "domain/submission.h"
#include "domain/jobs.h"
#include "domain/calendar.h"
#include "domain/textindex.h"
#include <arpa/inet.h>
#include "export/form_doc.h"
#include "export/jobs.h"
#include "export/package.h"
#include "export/signed.h"
#include "web/server.h"
#include "web/router.h"
#include "web/http.h"
#include <errno.h>
#include <sodium.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/stat.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* ---- the options a command declares ---- */

typedef enum opt_kind {
	OPT_FLAG, /* --name, no value */
	OPT_STR,  /* --name VALUE */
	OPT_INT,  /* --name N, an integer in [min, max] */
	OPT_PATH, /* --name FILE or DIR */
} opt_kind;

typedef struct optdef {
	const char *name;
	opt_kind kind;
	const char *meta;    /* the value's placeholder in the usage line: DIR, N */
	const char *need_in; /* required: "*" always, else the subcommands that need it ("add passwd") */
	const char *only_in; /* accepted only after these subcommands; NULL: after any */
	long long min, max;  /* OPT_INT */
	const char *bad;     /* OPT_INT: what a value out of range is told ("%v" stands for the value) */
	const char *help;
} optdef;

typedef int (*cmd_fn)(int argc, char **argv);
typedef struct command {
	const char *name;
	const char *usage; /* NULL: generated from opts and pos_meta; written out for commands with subcommands */
	const char *help;
	cmd_fn fn;
	const optdef *opts; /* ended by {0} */
	const char *pos_meta; /* the positional argument (FILE), NULL if none */
	bool hidden;
} command;

static int cmd_serve(int, char **);
static int cmd_init(int, char **);
static int cmd_demo(int, char **);
static int cmd_user(int, char **);
static int cmd_backup(int, char **);
static int cmd_restore(int, char **);
static int cmd_routes(int, char **);
static int cmd_export(int, char **);
static int cmd_check(int, char **);
static int cmd_migrate_pg(int, char **);
static int cmd_units(int, char **);
static int cmd_help(int, char **);
static int cmd_sql(int, char **);
static int cmd_package(int, char **);

static const optdef serve_optdefs[] = {
	{"data", OPT_PATH, "DIR", "*", NULL, 0, 0, NULL, "数据目录（用 init 或 demo 创建）"},
	{"listen", OPT_STR, "ADDR:PORT", NULL, NULL, 0, 0, NULL, "监听的地址和端口，默认 127.0.0.1:8080"},
	{"public-url", OPT_STR, "https://域名", NULL, NULL, 0, 0, NULL,
	 "居民访问的网址（二维码、订阅链接和来源校验都用它；默认 http://监听地址），为 https 时 Cookie 带 Secure"},
	{"cache-mb", OPT_INT, "N", NULL, NULL, 0, 65536, "--cache-mb 应为 0 到 65536 之间的整数（兆字节）",
	 "公开页面缓存的内存上限，兆字节（默认 64，0 为不缓存）"},
	{"trusted-proxy", OPT_STR, "ADDR", NULL, NULL, 0, 0, NULL,
	 "反向代理的地址（ADDR[,ADDR]）；只有来自这些地址的请求，其 X-Forwarded-For / X-Real-IP 才被当作访客地址"
	 "（登录限流和报名、签到限流按访客地址计算；不设置时一律用连接的对端地址）"},
	{"threads", OPT_INT, "N", NULL, NULL, 1, 256, "--threads 应为 1 到 256 之间的整数",
	 "处理连接和居民页面的线程数（默认每核一个，至少两个）"},
	{"workers", OPT_INT, "N", NULL, NULL, 1, 256, "--workers 应为 1 到 256 之间的整数",
	 "处理职员页面、上传、导出和写操作的线程数（默认每核四个，至少四个；每个占一个数据库连接）"},
	{"secure-cookies", OPT_FLAG, NULL, NULL, NULL, 0, 0, NULL, "没有 --public-url 而经 HTTPS 反向代理对外服务时使用：Cookie 带 Secure"},
	{"session-idle", OPT_INT, "秒", NULL, NULL, 1, 30 * 86400, "--session-idle 应为秒数（1 到 2592000）",
	 "登录空闲多久即失效（默认 7200，即 2 小时）"},
	{"session-lifetime", OPT_INT, "秒", NULL, NULL, 1, 30 * 86400, "--session-lifetime 应为秒数（1 到 2592000）",
	 "登录满多久即失效（默认 43200，即 12 小时）"},
	{"port-file", OPT_PATH, "FILE", NULL, NULL, 0, 0, NULL, "把实际监听的端口写入这个文件（测试用 --listen 127.0.0.1:0 时）"},
	{0}};
static const optdef init_optdefs[] = {
	{"data", OPT_PATH, "DIR", "*", NULL, 0, 0, NULL, "要创建的数据目录（须不存在或为空）"},
	{"city", OPT_STR, "南昌市", NULL, NULL, 0, 0, NULL, "城市名称（默认 南昌市）"},
	{"centre", OPT_STR, "南昌市社区教育指导中心", NULL, NULL, 0, 0, NULL, "指导中心名称（默认 南昌市社区教育指导中心）"},
	{"root", OPT_STR, "江西省", NULL, NULL, 0, 0, NULL,
	 "最上级的名称，例如 江西省（一个省的系统：下面再导入各市、县区）；不能与 --city、--centre 同用"},
	{"kind", OPT_STR, "省", NULL, NULL, 0, 0, NULL, "最上级的类别（省、市、区、县、开发区、管理局、街道；默认按 --root 的最后一个字）"},
	{0}};
static const optdef units_optdefs[] = {
	{"data", OPT_PATH, "DIR", "*", NULL, 0, 0, NULL, "数据目录"},
	{"under", OPT_STR, "NAME", NULL, NULL, 0, 0, NULL, "上级一栏空着的行挂在这个单位下（名称或代码；默认最上级）"},
	{0}};
static const optdef demo_optdefs[] = {
	{"data", OPT_PATH, "DIR", "*", NULL, 0, 0, NULL, "要创建的数据目录（须不存在或为空）"},
	{"week-start", OPT_STR, "DATE", NULL, NULL, 0, 0, NULL, "今年活动周的开始日期，如 2026-12-01（默认前天）"},
	{"public-url", OPT_STR, "URL", NULL, NULL, 0, 0, NULL,
	 "网站的公开地址，印在定稿总结表的核验二维码里（默认 http://127.0.0.1:8080，与 serve 的 --public-url 一致）"},
	{"province", OPT_FLAG, NULL, NULL, NULL, 0, 0, NULL, "省级演示：江西省 ← 三个市 ← 县区（南昌市的 13 个县区和单市演示相同）"},
	{0}};
static const optdef user_optdefs[] = {
	{"data", OPT_PATH, "DIR", "*", NULL, 0, 0, NULL, "数据目录"},
	{"username", OPT_STR, "U", "add passwd disable", NULL, 0, 0, NULL, "用户名"},
	{"role", OPT_STR, "ROLE", NULL, NULL, 0, 0, NULL, "角色（add）：centre_admin、centre_viewer、unit_admin、unit_editor"},
	{"unit", OPT_STR, "NAME", NULL, NULL, 0, 0, NULL, "所属单位的名称（add；默认指导中心）"},
	{"name", OPT_STR, "姓名", NULL, NULL, 0, 0, NULL, "显示的姓名（add）"},
	{"password-file", OPT_PATH, "F", "add passwd", NULL, 0, 0, NULL, "密码文件，读取第一行（- 为标准输入）"},
	{0}};
static const optdef backup_optdefs[] = {
	{"data", OPT_PATH, "DIR", "*", NULL, 0, 0, NULL, "要备份的数据目录"},
	{0}};
static const optdef restore_optdefs[] = {
	{"data", OPT_PATH, "NEWDIR", "*", NULL, 0, 0, NULL, "恢复到的新目录（须不存在或为空）"},
	{0}};
static const optdef export_optdefs[] = {
	{"data", OPT_PATH, "DIR", "*", NULL, 0, 0, NULL, "数据目录"},
	{"year", OPT_INT, "Y", "*", NULL, 2000, 2999, "--year 应为四位年份，例如 2022（收到「%v」）", "活动周的年份"},
	{"unit", OPT_STR, "NAME", "*", "report", 0, 0, NULL, "单位名称，要和系统里的完全一致，例如 东湖区"},
	{"format", OPT_STR, "FORMAT", "*", NULL, 0, 0, NULL, "report：pdf、docx 或 zip；city：xlsx、pdf、docx 或 zip"},
	{"out", OPT_PATH, "FILE", "*", NULL, 0, 0, NULL, "写到这个文件（先写临时文件，完成后改名）"},
	{0}};
static const optdef check_optdefs[] = {
	{"data", OPT_PATH, "DIR", "*", NULL, 0, 0, NULL, "要检查的数据目录"},
	{"deep", OPT_FLAG, NULL, NULL, NULL, 0, 0, NULL, "同时校验文件库里每个文件的 SHA-256"},
	{0}};
static const optdef migrate_optdefs[] = {
	{"data", OPT_PATH, "DIR", "*", NULL, 0, 0, NULL, "要迁移的数据目录（SQLite；迁移后文件仍在其中，服务改用 --database）"},
	{0}};
static const optdef sql_optdefs[] = {
	{"data", OPT_PATH, "DIR", "*", NULL, 0, 0, NULL, "数据目录"},
	{"dump", OPT_FLAG, NULL, NULL, NULL, 0, 0, NULL, "列出每个表的每一行（按表名，表内按行排序）"},
	{"skip", OPT_STR, "TABLES", NULL, NULL, 0, 0, NULL, "--dump 时不列的表（空格分隔）"},
	{"hold-writes", OPT_PATH, "FILE", NULL, NULL, 0, 0, NULL,
	 "开始一个写事务（与服务的写操作排同一个队），输出 held，直到文件 FILE 出现（最多 60 秒）后撤销"},
	{0}};
static const optdef no_optdefs[] = {{0}};

static const optdef package_optdefs[] = {
	{"data", OPT_PATH, "DIR", "*", NULL, 0, 0, NULL, "数据目录"},
	{"force", OPT_FLAG, NULL, NULL, "keygen", 0, 0, NULL, "已有密钥时重新生成（上级须重新登记新的公钥）"},
	{"unit", OPT_STR, "CODE", "trust", "trust", 0, 0, NULL, "下级单位的代码（或名称）"},
	{"key", OPT_STR, "PUBKEY", "trust", "trust", 0, 0, NULL, "下级 package keygen 打印的公钥"},
	{"year", OPT_INT, "Y", "export", "export", 2000, 2999, "--year 应为四位年份，例如 2022（收到「%v」）", "活动周的年份"},
	{"out", OPT_PATH, "FILE", "export", "export", 0, 0, NULL, "写到这个文件"},
	{"as", OPT_STR, "CODE", NULL, "export", 0, 0, NULL, "上级系统里本单位的代码（默认本系统最上级的代码）"},
	{"scan", OPT_PATH, "FILE", NULL, "export", 0, 0, NULL, "定稿的盖章扫描件（PDF），还没有上传时记录到定稿下"},
	{0}};
static const command commands[] = {
	{"serve", NULL,
	 "启动网站服务。"
	 "登录空闲 2 小时或登录满 12 小时即失效（--session-idle、--session-lifetime 以秒计，可改）。"
	 "--now：让服务以假定的时刻运行（演示、测试），启动时记入日志；serve 不读取环境变量 LEARNWEEK_NOW（设了即拒绝启动），"
	 "只认命令行上明写的 --now。", cmd_serve, serve_optdefs, NULL, false},
	{"init", NULL,
	 "创建一个新的空数据目录（数据库和文件库）。目录已有内容时拒绝执行。"
	 "默认最上级是南昌市社区教育指导中心（市）；--root 江西省 建一个以江西省为最上级的系统，"
	 "再用 learnweek units import 导入各级单位。", cmd_init, init_optdefs, NULL, false},
	{"demo", NULL,
	 "创建数据目录并填入演示数据：13 个报送单位、演示账号（打印用户名和密码）和两个活动周："
	 "2022年南昌市活动周（按通知原样，已全部报送并通过，作为历史数据），"
	 "以及今年的活动周（前天开始、四天后结束、一周后截止报送，今天和明天都有活动，可报名、签到、评价）。"
	 "--province：最上级为江西省，下有南昌市（13 个县区，同上）、九江市和赣州市（各有几个县区）。",
	 cmd_demo, demo_optdefs, NULL, false},
	{"user", "learnweek user add --data DIR --username U --role ROLE [--unit NAME] [--name 姓名] --password-file F\n"
		 "       learnweek user passwd --data DIR --username U --password-file F\n"
		 "       learnweek user disable --data DIR --username U\n"
		 "       learnweek user list --data DIR",
	 "管理账号。ROLE：centre_admin、centre_viewer、unit_admin、unit_editor。密码从文件读取（F 为 - 时从标准输入），"
	 "不接受命令行参数，以免留在 shell 历史和进程列表中。", cmd_user, user_optdefs, NULL, false},
	{"backup", NULL,
	 "在服务运行时做一致的备份：数据库（SQLite 在线备份）和文件库，写成一个 ZIP 文件。", cmd_backup, backup_optdefs, "FILE", false},
	{"restore", NULL,
	 "把 backup 生成的备份恢复到一个新的空目录，并做完整性检查。", cmd_restore, restore_optdefs, "FILE", false},
	{"export", "learnweek export report --data DIR --year Y --unit NAME --format pdf|docx|zip --out FILE\n"
		   "       learnweek export city --data DIR --year Y --format xlsx|pdf|docx|zip --out FILE",
	 "导出一个单位某年的报送材料：总结表（pdf 或 docx）或材料包（zip：总结表、全部附件和清单）。"
	 "已提交过的导出最新提交的版本；尚未提交的，pdf 和 docx 导出当前草稿，zip 须先提交。"
	 "export city 导出全市的：汇总工作簿（xlsx：各单位总结表、全部活动、评价、宣传报道）、"
	 "全市总结表（pdf 或 docx）或各单位最新提交的材料包合成的压缩包（zip）。", cmd_export, export_optdefs, NULL, false},
	{"check", NULL,
	 "检查数据目录：数据库完整性、外键，以及文件库与数据库是否一致（--deep 同时校验每个文件的 SHA-256）。"
	 "发现问题时退出状态为 1，并列出孤立文件和未完成的临时上传。", cmd_check, check_optdefs, NULL, false},
	{"migrate-to-postgres", "learnweek migrate-to-postgres --data DIR --database postgresql://...",
	 "把 SQLite 数据目录的数据库复制到一个空的 PostgreSQL 数据库：每张表、原有编号不变，之后设好序列；"
	 "再逐表核对行数和摘要，并校验文件库里的每个文件。目标数据库已有数据表时拒绝。需先停止 serve。",
	 cmd_migrate_pg, migrate_optdefs, NULL, false},
	{"units", "learnweek units import --data DIR [--under NAME] FILE",
	 "从表格（CSV 或 Excel .xlsx）导入各级单位：列为 名称、代码、上级、类别（表头也可写 name、code、parent、kind）。"
	 "上级写代码或名称（表中的行或系统里已有的单位；空着即 --under 指定的单位，默认最上级），"
	 "类别空着时按名称的最后一个字判断。先检查每一行，有任何问题就逐行列出（第几行、哪一列、什么问题）并一个也不导入。",
	 cmd_units, units_optdefs, "FILE", false},
	{"package", "learnweek package keygen --data DIR [--force]\n"
		    "       learnweek package trust --data DIR --unit CODE --key PUBKEY\n"
		    "       learnweek package export --data DIR --year Y --out FILE [--as CODE] [--scan FILE]\n"
		    "       learnweek package import --data DIR FILE",
	 "两个系统之间的签名材料包（市和省各自运行一套系统时）：keygen 为本系统生成签名密钥并打印公钥（密钥存在数据库里，"
	 "backup 和 restore 一并带上）；上级用 trust 登记下级的公钥；下级用 export 把本级总结表的定稿（冻结的数值、修改说明、"
	 "校验码、摘要、定稿 PDF 和盖章扫描件）导出为签名的材料包；上级用 import 核对签名和每个文件后，记为该下级报送的版本。",
	 cmd_package, package_optdefs, "FILE", false},
	{"routes", "learnweek routes", "列出所有网址、所需角色和参数（供测试和文档使用）。", cmd_routes, no_optdefs, NULL, false},
	{"help", "learnweek help [COMMAND]", "显示帮助。", cmd_help, no_optdefs, NULL, false},
	{"sql", NULL, "（供测试用）从标准输入读 SQL（SQLite 的写法），在任一种数据库上执行并按行输出结果，列以 | 分隔。",
	 cmd_sql, sql_optdefs, NULL, true},
};
#define NCOMMANDS (sizeof commands / sizeof *commands)

static const command *find_command(const char *name)
{
	for (size_t i = 0; i < NCOMMANDS; i++)
		if (!strcmp(commands[i].name, name))
			return &commands[i];
	return NULL;
}

/* word is one of the space-separated words of list */
static bool in_list(const char *list, const char *word)
{
	size_t n = word ? strlen(word) : 0;
	for (const char *p = list; n && p && *p;) {
		const char *e = strchr(p, ' ');
		size_t l = e ? (size_t)(e - p) : strlen(p);
		if (l == n && !strncmp(p, word, n))
			return true;
		p = e ? e + 1 : NULL;
	}
	return false;
}

static bool required_in(const optdef *d, const char *sub)
{
	return d->need_in && (!strcmp(d->need_in, "*") || in_list(d->need_in, sub));
}

/* display columns of UTF-8 text: the CJK characters of the placeholders take two */
static int columns(const char *s)
{
	int n = 0;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if ((*p & 0xc0) != 0x80)
			n += *p >= 0xe0 ? 2 : 1;
	return n;
}

static void usage_of(const command *c, FILE *f)
{
	fputs("用法：", f);
	if (c->usage)
		fputs(c->usage, f);
	else {
		fprintf(f, "learnweek %s", c->name);
		for (const optdef *d = c->opts; d->name; d++) {
			bool must = required_in(d, NULL);
			fprintf(f, " %s--%s%s%s%s", must ? "" : "[", d->name, d->meta ? " " : "", d->meta ? d->meta : "", must ? "" : "]");
		}
		fprintf(f, " [--now TIME]%s%s", c->pos_meta ? " " : "", c->pos_meta ? c->pos_meta : "");
	}
	fprintf(f, "\n\n%s\n", c->help);
	if (!c->opts->name)
		return;
	fputs("\n选项：\n", f);
	for (const optdef *d = c->opts; d->name; d++) {
		char head[160];
		snprintf(head, sizeof head, "--%s%s%s", d->name, d->meta ? " " : "", d->meta ? d->meta : "");
		int pad = 28 - columns(head);
		fprintf(f, "  %s%*s %s", head, pad > 0 ? pad : 0, "", d->help);
		/* what the table says beyond the words: range, subcommand, required */
		const char *sep = "（";
		if (d->kind == OPT_INT) {
			fprintf(f, "%s%lld 到 %lld", sep, d->min, d->max);
			sep = "；";
		}
		if (d->only_in) {
			fprintf(f, "%s仅 %s", sep, d->only_in);
			sep = "；";
		}
		if (d->need_in) {
			fprintf(f, "%s%s%s必填", sep, strcmp(d->need_in, "*") ? d->need_in : "", strcmp(d->need_in, "*") ? " 时" : "");
			sep = "；";
		}
		if (strcmp(sep, "（"))
			fputs("）", f);
		fputs("。\n", f);
	}
	fprintf(f, "  %-28s %s\n", "--now TIME", "以假定的时刻运行，例如 2022-12-03T10:00+08:00（随真实时间走动）。");
}

static int cmd_help(int argc, char **argv)
{
	if (argc > 1) {
		bool self = !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h");
		const command *c = find_command(self ? "help" : argv[1]);
		if (!c) {
			fprintf(stderr, "learnweek: 没有名为「%s」的命令。运行 learnweek help 查看所有命令。\n", argv[1]);
			return 2;
		}
		usage_of(c, stdout);
		return 0;
	}
	printf("learnweek：全民终身学习活动周信息平台\n\n命令：\n");
	for (size_t i = 0; i < NCOMMANDS; i++)
		if (!commands[i].hidden)
			printf("  %-9s %s\n", commands[i].name, commands[i].help);
	printf("\n运行 learnweek help COMMAND 或 learnweek COMMAND --help 查看某个命令的用法。\n"
	       "每个命令都接受 --now 2022-12-03T10:00+08:00：以假定的时刻运行，这个时刻随真实时间走动"
	       "（启动后过了 10 秒，就是假定时刻之后 10 秒）；除 serve 外也可用环境变量 LEARNWEEK_NOW 给出。\n"
	       "每个命令都接受 --database postgresql://...：数据库放在这个 PostgreSQL 数据库里（数据目录仍存放文件）；"
	       "不写即用数据目录里的 SQLite 数据库；也可用环境变量 LEARNWEEK_DATABASE 给出。\n");
	return 0;
}

/* ---- option parsing shared by the commands ---- */

#define MAX_OPTS 16

/* A command line parsed against its command's table; read with opt_str,
 * opt_flag, opt_int by the names the table declares. */
typedef struct parsed {
	const command *c;
	const char *sub; /* the subcommand (user add, export report), NULL if none */
	const char *value[MAX_OPTS];
	bool seen[MAX_OPTS];
	char *pos[1];
	int npos;
} parsed;

/* The injectable clock: --now on any command, or LEARNWEEK_NOW in the
 * environment for every command but serve. what names where it came from. */
static int clock_from(const char *cmd, const char *what, const char *value)
{
	long long t;
	if (!instant_parse(value, &t)) {
		fprintf(stderr, "learnweek %s: %s 的值「%s」不是一个时刻，应写成 2022-12-03T10:00+08:00 这样"
				"（日期T时:分，可带 :秒，时区写 +08:00、Z，不写时区即北京时间）\n", cmd, what, value);
		return 2;
	}
	clock_set(t);
	return 0;
}

/* the table's entry for name; a name the command does not declare, or read
 * as another kind, is a bug of this file: say so and stop at once */
static int opt_index(const parsed *p, const char *name, opt_kind kind)
{
	int i = 0;
	for (const optdef *d = p->c->opts; d->name; d++, i++)
		if (!strcmp(d->name, name)) {
			if (d->kind != kind && !(kind == OPT_STR && d->kind == OPT_PATH)) {
				fprintf(stderr, "learnweek %s: internal error: option --%s read as another kind than declared\n", p->c->name, name);
				abort();
			}
			return i;
		}
	fprintf(stderr, "learnweek %s: internal error: option --%s is not declared\n", p->c->name, name);
	abort();
}

static const char *opt_str(const parsed *p, const char *name)
{
	return p->value[opt_index(p, name, OPT_STR)];
}

static bool opt_flag(const parsed *p, const char *name)
{
	return p->seen[opt_index(p, name, OPT_FLAG)];
}

/* An integer option into *v (left as it is when not given): false after
 * saying what the table says of a value out of its range. */
static bool opt_int(const parsed *p, const char *name, long long *v)
{
	int i = opt_index(p, name, OPT_INT);
	const optdef *d = &p->c->opts[i];
	const char *text = p->value[i];
	if (!text || parse_int64(text, d->min, d->max, v))
		return true;
	fprintf(stderr, "learnweek %s: ", p->c->name);
	const char *at = strstr(d->bad, "%v");
	if (at)
		fprintf(stderr, "%.*s%s%s\n", (int)(at - d->bad), d->bad, text, at + 2);
	else
		fprintf(stderr, "%s\n", d->bad);
	return false;
}

/* Parses --name value / --name=value / --flag against the command's table
 * (options the table keeps to other subcommands than sub are unknown here);
 * positional arguments go to p->pos, at most maxpos. Then, if required, each
 * option the table requires (for sub), in the table's order.
 * 0: parsed; 1: --help shown; 2: a message was printed. */
static int parse_opts(const command *c, const char *sub, int argc, char **argv, int maxpos, bool required, parsed *p)
{
	*p = (parsed){.c = c, .sub = sub};
	int ndefs = 0;
	while (c->opts[ndefs].name)
		ndefs++;
	if (ndefs > MAX_OPTS) {
		fprintf(stderr, "learnweek %s: internal error: more than %d options declared\n", c->name, MAX_OPTS);
		abort();
	}
	for (int i = 1; i < argc; i++) {
		char *a = argv[i];
		if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
			usage_of(c, stdout);
			return 1;
		}
		if (strncmp(a, "--", 2)) {
			if (p->npos >= maxpos) {
				fprintf(stderr, "learnweek %s: 多余的参数「%s」\n\n", c->name, a);
				usage_of(c, stderr);
				return 2;
			}
			p->pos[p->npos++] = a;
			continue;
		}
		char *name = a + 2, *eq = strchr(name, '=');
		size_t nl = eq ? (size_t)(eq - name) : strlen(name);
		if (nl == 3 && !strncmp(name, "now", 3)) { /* every command takes --now */
			const char *v = eq ? eq + 1 : i + 1 < argc ? argv[++i] : NULL;
			if (!v) {
				fprintf(stderr, "learnweek %s: 选项 --now 需要一个值，例如 --now 2022-12-03T10:00+08:00\n", c->name);
				return 2;
			}
			if (clock_from(c->name, "--now", v))
				return 2;
			continue;
		}
		if (nl == 8 && !strncmp(name, "database", 8)) { /* and --database */
			const char *v = eq ? eq + 1 : i + 1 < argc ? argv[++i] : NULL;
			if (!v || !db_is_address(v)) {
				fprintf(stderr, "learnweek %s: 选项 --database 需要一个 PostgreSQL 地址，"
						"例如 --database postgresql://用户@主机/数据库\n", c->name);
				return 2;
			}
			datadir_use_database(v);
			continue;
		}
		int k = -1, n = 0;
		for (const optdef *d = c->opts; d->name; d++, n++)
			if (strlen(d->name) == nl && !strncmp(d->name, name, nl) && (!d->only_in || in_list(d->only_in, sub)))
				k = n;
		if (k < 0) {
			/* the name only: "--password=secret" must not echo the secret */
			fprintf(stderr, "learnweek %s: 不认识的选项「--%.*s」\n\n", c->name, (int)nl, name);
			usage_of(c, stderr);
			return 2;
		}
		const optdef *d = &c->opts[k];
		p->seen[k] = true;
		if (d->kind != OPT_FLAG) {
			if (eq)
				p->value[k] = eq + 1;
			else if (i + 1 < argc)
				p->value[k] = argv[++i];
			else {
				fprintf(stderr, "learnweek %s: 选项 --%s 需要一个值\n", c->name, d->name);
				return 2;
			}
		} else if (eq) {
			fprintf(stderr, "learnweek %s: 选项 --%s 不带值\n", c->name, d->name);
			return 2;
		}
	}
	int k = 0;
	for (const optdef *d = c->opts; required && d->name; d++, k++)
		if (required_in(d, sub) && (!d->only_in || in_list(d->only_in, sub)) && (!p->value[k] || !*p->value[k])) {
			fprintf(stderr, "learnweek %s: 缺少 --%s\n\n", c->name, d->name);
			usage_of(c, stderr);
			return 2;
		}
	return 0;
}

/* parse argv against the command's table, or return from the command: 0
 * after --help, 2 after a message */
#define PARSE(c, sub, argc, argv, maxpos, p) do { \
	int prc_ = parse_opts((c), (sub), (argc), (argv), (maxpos), true, (p)); \
	if (prc_) return prc_ == 1 ? 0 : prc_; } while (0)

/* ---- commands ---- */

static int load_server_settings(db *d)
{
	arena a = {0};
	char *secret = setting_get(d, &a, "secret");
	char *city = setting_get(d, &a, "city");
	size_t n = 0;
	int rc = 0;
	if (!secret || sodium_hex2bin(cfg.secret, sizeof cfg.secret, secret, strlen(secret), NULL, &n, NULL) || n != 32) {
		fprintf(stderr, "learnweek: 数据目录缺少密钥设置，数据库可能已损坏\n");
		rc = -1;
	}
	cfg.city = strdup(city ? city : "");
	arena_free(&a);
	return rc;
}

static int cmd_serve(int argc, char **argv)
{
	const command *c = find_command("serve");
	parsed p;
	PARSE(c, NULL, argc, argv, 0, &p);
	const char *dir = opt_str(&p, "data"), *listen = opt_str(&p, "listen"), *url = opt_str(&p, "public-url");
	serve_opts so = {.data_dir = dir, .listen = listen ? listen : "127.0.0.1:8080",
			 .secure_cookies = opt_flag(&p, "secure-cookies"), .session_idle = 2 * 3600,
			 .port_file = opt_str(&p, "port-file"), .cache_mb = 64};
	if (url) {
		so.public_url = public_url_parse(url);
		if (!so.public_url) {
			fprintf(stderr, "learnweek serve: --public-url 应为 http:// 或 https:// 加域名（可带端口），不带路径，"
					"例如 https://week.example.cn（收到「%s」）\n", url);
			return 2;
		}
	}
	long long threads = 0, workers = 0, lifetime = 12 * 3600;
	if (!opt_int(&p, "cache-mb", &so.cache_mb) || !opt_int(&p, "threads", &threads) || !opt_int(&p, "workers", &workers) ||
	    !opt_int(&p, "session-idle", &so.session_idle) || !opt_int(&p, "session-lifetime", &lifetime))
		return 2;
	so.threads = (unsigned)threads;
	so.workers = (unsigned)workers;
	const char *proxies = opt_str(&p, "trusted-proxy");
	if (proxies && trusted_proxy_parse(proxies) < 0) {
		fprintf(stderr, "learnweek serve: --trusted-proxy 应为一个或几个以逗号分隔的 IP 地址（最多 8 个），例如 127.0.0.1\n");
		return 2;
	}
	db *d = datadir_open(dir);
	if (!d)
		return 1;
	bool shared = !strcmp(db_engine(d), "postgresql");
	if (db_readonly(d)) {
		/* nothing can write here, so no other server can either: no lock */
		log_warn("the data folder %s is on a read-only file system: serving it read-only "
			 "(pages and downloads work; signing in and saving do not)", dir);
	} else if (!shared && datadir_lock(dir) < 0) {
		fprintf(stderr, "learnweek serve: 另一个 learnweek serve 正在使用数据目录 %s\n", dir);
		db_close(d);
		return 1;
	} else {
		/* on PostgreSQL many servers share the folder: no lock, and only
		 * uploads untouched for a day are another server's leftovers */
		int cleaned = datadir_clean_tmp(dir, shared ? 86400 : 0);
		if (cleaned > 0)
			log_info("removed %d unfinished upload(s) from files/tmp", cleaned);
		/* rows another process wrote (an import, bench/gen.sh) into the
		 * calendar's text index now, not at the first search */
		long long indexed = activity_text_sync(d);
		if (indexed > 0)
			log_info("indexed the text of %lld activities for the calendar's search", indexed);
		int reaped = jobs_reap(d, dir);
		if (reaped > 0)
			log_info("marked %d export job(s) of the last run as failed", reaped);
		if (shared) /* the worker from the start: jobs of a server that died are taken over */
			jobs_wake(dir);
	}
	int rc = load_server_settings(d);
	db_close(d);
	if (rc < 0)
		return 1;
	cfg.data_dir = dir;
	cfg.session_idle = so.session_idle;
	cfg.session_lifetime = lifetime;
	cfg.secure_cookies = so.secure_cookies;
	if (clock_is_set()) {
		arena a = {0};
		log_warn("the clock is set by --now: it is %s Beijing time now, and it advances with real time "
			 "(log stamps stay real time)", datetime_local_iso(&a, now_utc()));
		arena_free(&a);
	}
	return serve(&so);
}

static int cmd_init(int argc, char **argv)
{
	const command *c = find_command("init");
	parsed p;
	PARSE(c, NULL, argc, argv, 0, &p);
	const char *dir = opt_str(&p, "data"), *city = opt_str(&p, "city"), *centre = opt_str(&p, "centre");
	const char *top = opt_str(&p, "root"), *kind = opt_str(&p, "kind");
	if (top && (city || centre)) {
		fprintf(stderr, "learnweek init: --root 已给出最上级的名称，不能再用 --city 或 --centre\n");
		return 2;
	}
	if (kind && !top) {
		fprintf(stderr, "learnweek init: --kind 是 --root 的类别，请同时给出 --root\n");
		return 2;
	}
	if (top && utf8_chars(top) > 60) {
		fprintf(stderr, "learnweek init: --root 最多 60 个字\n");
		return 2;
	}
	if (top && !kind && !(kind = unit_kind_of_name(top))) {
		fprintf(stderr, "learnweek init: 看不出「%s」是哪一级，请用 --kind 指定（省、市、区、县、开发区、管理局或街道）\n", top);
		return 2;
	}
	if (kind && unit_kind_rank(kind) < 0) {
		fprintf(stderr, "learnweek init: --kind「%s」不认识，只能是省、市、区、县、开发区、管理局或街道\n", kind);
		return 2;
	}
	db *d = datadir_create(dir, city ? city : "南昌市", centre ? centre : "南昌市社区教育指导中心");
	if (!d)
		return 2;
	if (top) {
		arena a = {0};
		const char *why;
		int rc = unit_top_set(d, &a, top, kind, &why);
		if (rc < 0)
			fprintf(stderr, "learnweek init: %s\n", why);
		arena_free(&a);
		if (rc < 0) {
			db_close(d);
			return 2;
		}
	}
	db_close(d);
	printf("已创建数据目录 %s。用 learnweek user add 添加第一个中心管理员账号。\n", dir);
	return 0;
}

static int cmd_demo(int argc, char **argv)
{
	const command *c = find_command("demo");
	parsed p;
	PARSE(c, NULL, argc, argv, 0, &p);
	const char *dir = opt_str(&p, "data"), *week_start = opt_str(&p, "week-start"), *url = opt_str(&p, "public-url");
	char *public_url = public_url_parse(url ? url : "http://127.0.0.1:8080");
	if (!public_url) {
		fprintf(stderr, "learnweek demo: --public-url 应为 http:// 或 https:// 加域名（可带端口），不带路径，"
				"例如 https://week.example.cn（收到「%s」）\n", url);
		return 2;
	}
	/* this year's week started two days ago (Beijing date) unless told */
	long long start = (now_utc() + SHANGHAI_OFFSET) / 86400 - 2, y;
	unsigned m, dd;
	if (week_start && !date_parse(week_start, &start)) {
		fprintf(stderr, "learnweek demo: --week-start 应为一个日期，例如 2026-12-01\n");
		free(public_url);
		return 2;
	}
	civil_from_days(start, &y, &m, &dd);
	if (y == 2022 || y < 2000 || y > 2999) {
		fprintf(stderr, "learnweek demo: --week-start 应在 2000 到 2999 年之间，且不在 2022 年（2022 年是演示的历史活动周）\n");
		free(public_url);
		return 2;
	}
	db *d = datadir_create(dir, "南昌市", "南昌市社区教育指导中心");
	if (!d) {
		free(public_url);
		return 2;
	}
	arena a = {0};
	int rc = (opt_flag(&p, "province") ? demo_seed_province : demo_seed)(d, &a, stdout, dir, start, public_url);
	arena_free(&a);
	db_close(d);
	free(public_url);
	return rc < 0 ? 1 : 0;
}

/* Reads a password from a file or stdin: the first line, without its newline. */
static char *read_password(const char *path)
{
	FILE *f = strcmp(path, "-") ? fopen(path, "r") : stdin;
	if (!f) {
		fprintf(stderr, "learnweek: 无法读取密码文件 %s\n", path);
		return NULL;
	}
	char line[512];
	char *p = fgets(line, sizeof line, f);
	if (f != stdin)
		fclose(f);
	if (!p) {
		fprintf(stderr, "learnweek: 密码文件为空\n");
		return NULL;
	}
	line[strcspn(line, "\r\n")] = 0;
	char *out = strdup(line);
	sodium_memzero(line, sizeof line);
	return out;
}

static int cmd_user(int argc, char **argv)
{
	const command *c = find_command("user");
	if (argc < 2 || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
		usage_of(c, argc < 2 ? stderr : stdout);
		return argc < 2 ? 2 : 0;
	}
	const char *sub = argv[1];
	if (strcmp(sub, "add") && strcmp(sub, "passwd") && strcmp(sub, "disable") && strcmp(sub, "list")) {
		fprintf(stderr, "learnweek user: 不认识的子命令「%s」（可用：add、passwd、disable、list）\n", sub);
		return 2;
	}
	parsed p;
	PARSE(c, sub, argc - 1, argv + 1, 0, &p);
	const char *dir = opt_str(&p, "data");
	if (!strcmp(sub, "list")) {
		db *d = datadir_open(dir);
		if (!d)
			return 1;
		arena a = {0};
		account *v;
		int n = account_list(d, &a, 0, &v);
		for (int i = 0; i < n; i++)
			printf("%s\t%s\t%s\t%s%s\n", v[i].username, v[i].role, v[i].unit_name, v[i].display_name,
			       v[i].disabled ? "\t已停用" : "");
		arena_free(&a);
		db_close(d);
		return 0;
	}
	const char *username = opt_str(&p, "username"), *pf = opt_str(&p, "password-file");
	const char *role_name = opt_str(&p, "role"), *unit_name = opt_str(&p, "unit"), *name = opt_str(&p, "name");
	char *pw = NULL;
	if (strcmp(sub, "disable") && !(pw = read_password(pf)))
		return 2;
	db *d = datadir_open(dir);
	if (!d) {
		free(pw);
		return 1;
	}
	arena a = {0};
	errs e = {0};
	actor who = {0, "命令行", "", now_utc()};
	int rc = 0;
	long long id = account_by_username(d, username);
	if (!strcmp(sub, "add")) {
		account acc = {0};
		acc.username = arena_strdup(&a, username);
		acc.display_name = arena_strdup(&a, name ? name : "");
		acc.role = arena_strdup(&a, role_name ? role_name : "");
		if (role_parse(acc.role) == ROLE_NONE) {
			fprintf(stderr, "learnweek user add: 角色「%s」不存在；可用：centre_admin、centre_viewer、unit_admin、unit_editor\n", acc.role);
			rc = 2;
		} else if (unit_name) {
			acc.unit_id = unit_by_name(d, unit_name);
			if (!acc.unit_id) {
				fprintf(stderr, "learnweek user add: 没有名为「%s」的单位\n", unit_name);
				rc = 2;
			}
		} else {
			acc.unit_id = unit_root(d);
		}
		if (!rc && !account_create(d, &a, &who, &acc, pw, &e)) {
			fprintf(stderr, "learnweek user add: %s\n", errs_summary(&e, &a));
			rc = 2;
		}
		if (!rc)
			printf("已创建账号 %s\n", username);
	} else if (!id) {
		fprintf(stderr, "learnweek user %s: 没有用户名为「%s」的账号\n", sub, username);
		rc = 2;
	} else if (!strcmp(sub, "passwd")) {
		if (account_set_password(d, &a, &who, id, pw, &e) < 0) {
			fprintf(stderr, "learnweek user passwd: %s\n", errs_summary(&e, &a));
			rc = 2;
		} else {
			printf("已更改 %s 的密码，该账号的所有登录已退出\n", username);
		}
	} else {
		if (account_set_disabled(d, &a, &who, id, true) < 0) {
			fprintf(stderr, "learnweek user disable: 操作失败\n");
			rc = 1;
		} else {
			printf("已停用账号 %s\n", username);
		}
	}
	if (pw) {
		sodium_memzero(pw, strlen(pw));
		free(pw);
	}
	arena_free(&a);
	db_close(d);
	return rc;
}

static int cmd_backup(int argc, char **argv)
{
	const command *c = find_command("backup");
	parsed p;
	PARSE(c, NULL, argc, argv, 1, &p);
	const char *dir = opt_str(&p, "data");
	if (p.npos != 1) {
		fprintf(stderr, "learnweek backup: 请给出备份文件名\n\n");
		usage_of(c, stderr);
		return 2;
	}
	int rc = datadir_backup(dir, p.pos[0]);
	if (!rc)
		printf("已备份到 %s\n", p.pos[0]);
	return rc;
}

static int cmd_restore(int argc, char **argv)
{
	const command *c = find_command("restore");
	parsed p;
	PARSE(c, NULL, argc, argv, 1, &p);
	const char *dir = opt_str(&p, "data");
	if (p.npos != 1) {
		fprintf(stderr, "learnweek restore: 请给出备份文件名\n\n");
		usage_of(c, stderr);
		return 2;
	}
	int rc = datadir_restore(p.pos[0], dir);
	if (!rc)
		printf("已恢复到 %s\n", dir);
	return rc;
}

/* Writes n bytes to path through a temp file beside it, so a failure leaves
 * no half-written file under the name asked for. */
static int write_file(const char *path, const void *data, size_t n)
{
	char tmp[4200];
	snprintf(tmp, sizeof tmp, "%s.tmp-%ld", path, (long)getpid());
	FILE *f = fopen(tmp, "wb");
	if (!f || fwrite(data, 1, n, f) != n || fclose(f) != 0 || rename(tmp, path) != 0) {
		fprintf(stderr, "learnweek export: 无法写入 %s：%s\n", path, strerror(errno));
		remove(tmp);
		return -1;
	}
	return 0;
}

/* The summary form as PDF or DOCX into out; 0 or 1. */
static int export_form(const form_doc *doc, bool pdf, const char *out)
{
	buf b = BUF_INIT;
	char err[400] = "";
	int rc = 0;
	if (form_file(doc, pdf, &b, err, sizeof err) < 0) {
		fprintf(stderr, "learnweek export: %s\n", err);
		rc = 1;
	} else if (write_file(out, b.p, b.len) < 0) {
		rc = 1;
	}
	buf_free(&b);
	return rc;
}

/* learnweek export city: the city's workbook, form or bundle of packages. */
static int export_city(const command *c, int argc, char **argv)
{
	parsed p;
	PARSE(c, "city", argc, argv, 0, &p);
	const char *dir = opt_str(&p, "data"), *format = opt_str(&p, "format"), *out = opt_str(&p, "out");
	long long year;
	if (!opt_int(&p, "year", &year))
		return 2;
	bool xlsx = !strcmp(format, "xlsx"), pdf = !strcmp(format, "pdf"), docx = !strcmp(format, "docx"), zip = !strcmp(format, "zip");
	if (!xlsx && !pdf && !docx && !zip) {
		fprintf(stderr, "learnweek export: --format 只能是 xlsx、pdf、docx 或 zip（收到「%s」）\n", format);
		return 2;
	}
	db *d = datadir_open(dir);
	if (!d)
		return 1;
	arena a = {0};
	int rc = 0;
	char err[400] = "";
	long long week_id = report_week_by_year(d, year);
	if (!week_id) {
		fprintf(stderr, "learnweek export: 没有 %lld 年的活动周\n", year);
		rc = 2;
	} else if (xlsx || zip) {
		if (export_city_file(d, dir, week_id, xlsx ? "city_xlsx" : "city_zip", out, NULL, err, sizeof err) < 0) {
			fprintf(stderr, "learnweek export: %s\n", err);
			rc = 1;
		}
	} else {
		report rep;
		field_value *fv;
		form_doc doc;
		if (!city_form_doc(d, &a, week_id, now_utc(), &rep, &fv, &doc)) {
			fprintf(stderr, "learnweek export: 无法读取全市总结表\n");
			rc = 1;
		} else {
			rc = export_form(&doc, pdf, out);
		}
	}
	if (!rc)
		printf("已导出 %lld 年的%s到 %s\n", year, xlsx ? "全市汇总工作簿" : zip ? "各单位报送材料包" : "全市总结表", out);
	arena_free(&a);
	db_close(d);
	return rc;
}

static int cmd_export(int argc, char **argv)
{
	const command *c = find_command("export");
	if (argc < 2 || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
		usage_of(c, argc < 2 ? stderr : stdout);
		return argc < 2 ? 2 : 0;
	}
	if (!strcmp(argv[1], "city"))
		return export_city(c, argc - 1, argv + 1);
	parsed p;
	if (strcmp(argv[1], "report")) {
		/* options before the object: a wrong one is named as every command does */
		int prc = argv[1][0] == '-' ? parse_opts(c, "report", argc, argv, 0, false, &p) : 0;
		if (prc)
			return prc == 1 ? 0 : prc;
		if (argv[1][0] == '-')
			fprintf(stderr, "learnweek export: 请写明导出什么：learnweek export report --data DIR ...\n");
		else
			fprintf(stderr, "learnweek export: 不认识的导出对象「%s」（可用：report、city）\n", argv[1]);
		return 2;
	}
	PARSE(c, "report", argc - 1, argv + 1, 0, &p);
	const char *dir = opt_str(&p, "data"), *unit_name = opt_str(&p, "unit");
	const char *format = opt_str(&p, "format"), *out = opt_str(&p, "out");
	long long year;
	if (!opt_int(&p, "year", &year))
		return 2;
	bool pdf = !strcmp(format, "pdf"), docx = !strcmp(format, "docx"), zip = !strcmp(format, "zip");
	if (!pdf && !docx && !zip) {
		fprintf(stderr, "learnweek export: --format 只能是 pdf、docx 或 zip（收到「%s」）\n", format);
		return 2;
	}
	db *d = datadir_open(dir);
	if (!d)
		return 1;
	arena a = {0};
	int rc = 0;
	long long unit_id = unit_by_name(d, unit_name);
	long long week_id = week_of_unit(d, unit_id, year); /* the week the unit reports in */
	report rep;
	if (!unit_id) {
		fprintf(stderr, "learnweek export: 没有名为「%s」的单位（单位名称要和系统里的完全一致，例如 东湖区）\n", unit_name);
		rc = 2;
	} else if (!week_id) {
		fprintf(stderr, "learnweek export: 没有 %lld 年的活动周\n", year);
		rc = 2;
	} else if (!report_get(d, &a, week_id, unit_id, &rep)) {
		fprintf(stderr, "learnweek export: 无法读取报送材料\n");
		rc = 1;
	}
	submission s;
	bool submitted = !rc && submission_load(d, &a, submission_latest(d, rep.id), &s);
	char err[400] = "";
	if (!rc && zip && !submitted) {
		fprintf(stderr, "learnweek export: %s %lld 年的报送材料还没有提交过，没有材料包。可以先导出草稿：--format pdf 或 docx\n",
			unit_name, year);
		rc = 1;
	} else if (!rc && zip) {
		long long size;
		if (!submission_package_file(&a, dir, &s, out, &size, err, sizeof err)) {
			fprintf(stderr, "learnweek export: %s\n", err);
			rc = 1;
		}
	} else if (!rc) {
		form_doc doc;
		if (submitted)
			submission_form_doc(&a, &s, &doc);
		else
			report_draft_doc(d, &a, &rep, now_utc(), &doc);
		rc = export_form(&doc, pdf, out);
	}
	if (!rc && submitted)
		printf("已导出%s %lld 年第 %lld 版（%s）的%s到 %s\n", unit_name, year, s.version, submission_status_label(s.status),
		       zip ? "材料包" : "总结表", out);
	else if (!rc)
		printf("已导出%s %lld 年的总结表草稿（尚未提交）到 %s\n", unit_name, year, out);
	arena_free(&a);
	db_close(d);
	return rc;
}

static int cmd_check(int argc, char **argv)
{
	const command *c = find_command("check");
	parsed p;
	PARSE(c, NULL, argc, argv, 0, &p);
	return datadir_check(opt_str(&p, "data"), opt_flag(&p, "deep"), stdout);
}

static int cmd_migrate_pg(int argc, char **argv)
{
	const command *c = find_command("migrate-to-postgres");
	parsed p;
	PARSE(c, NULL, argc, argv, 0, &p);
	const char *dir = opt_str(&p, "data"), *address = datadir_database();
	if (!address) {
		fprintf(stderr, "learnweek migrate-to-postgres: 缺少 --database postgresql://...（目标数据库，须为空）\n");
		return 2;
	}
	db *pg = NULL;
	int rc = pg_migrate(dir, address, stdout, &pg); /* it forgets --database: it opens the SQLite side */
	if (rc == 0) {
		long long indexed = activity_text_sync(pg);
		db_close(pg);
		if (indexed < 0) {
			fprintf(stderr, "learnweek migrate-to-postgres: 无法建立活动的全文索引\n");
			rc = 1;
		} else {
			printf("已为 %lld 个活动建立全文索引。\n", indexed);
			/* the files, each against its size and SHA-256, and the references */
			datadir_use_database(address);
			rc = datadir_check(dir, true, stdout);
			if (!rc)
				printf("迁移完成：启动服务时请用 learnweek serve --data %s --database ...\n", dir);
		}
	}
	return rc;
}

static int cmd_units(int argc, char **argv)
{
	const command *c = find_command("units");
	if (argc < 2 || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
		usage_of(c, argc < 2 ? stderr : stdout);
		return argc < 2 ? 2 : 0;
	}
	if (strcmp(argv[1], "import")) {
		fprintf(stderr, "learnweek units: 不认识的子命令「%s」（可用：import）\n", argv[1]);
		return 2;
	}
	parsed p;
	PARSE(c, "import", argc - 1, argv + 1, 1, &p);
	if (p.npos != 1) {
		fprintf(stderr, "learnweek units import: 请给出要导入的文件（CSV 或 .xlsx）\n\n");
		usage_of(c, stderr);
		return 2;
	}
	db *d = datadir_open(opt_str(&p, "data"));
	if (!d)
		return 1;
	arena a = {0};
	const char *under_name = opt_str(&p, "under");
	long long under = unit_root(d);
	if (under_name)
		under = unit_by_name_or_code(d, under_name);
	int rc = 0;
	if (!under) {
		fprintf(stderr, "learnweek units import: 没有名称或代码为「%s」的单位\n", under_name);
		rc = 2;
	} else {
		actor who = {0, "命令行", "", now_utc()};
		table_file f;
		table_issues is = {.max = 200};
		const char *file = p.pos[0];
		const char *base = strrchr(file, '/');
		int n = unit_import(d, &a, &who, under, file, base ? base + 1 : file, &f, &is);
		if (n >= 0) {
			printf("已导入 %d 个单位。\n", n);
		} else if (f.status) {
			fprintf(stderr, "learnweek units import: %s\n", f.error);
			rc = 2;
		} else {
			fprintf(stderr, "learnweek units import: %d 个问题，一个单位也没有导入：\n", is.total);
			for (int i = 0; i < is.n; i++)
				fprintf(stderr, "  第 %lld 行%s%s：%s\n", is.v[i].line, is.v[i].column ? " " : "",
					is.v[i].column ? is.v[i].column : "", is.v[i].msg);
			if (is.total > is.n)
				fprintf(stderr, "  ……还有 %d 个问题没有列出。\n", is.total - is.n);
			rc = 2;
		}
	}
	arena_free(&a);
	db_close(d);
	return rc;
}

/* Reads a stamped scan from path into the store: f describes it. 0 or 1. */
static int store_scan(const char *dir, const char *path, arena *a, new_file *f, upload *u)
{
	FILE *in = fopen(path, "rb");
	if (!in) {
		fprintf(stderr, "learnweek package: 无法读取 %s：%s\n", path, strerror(errno));
		return 1;
	}
	int rc = fs_begin(dir, u) < 0 ? 1 : 0;
	char chunk[65536];
	size_t n;
	while (!rc && (n = fread(chunk, 1, sizeof chunk, in)) > 0)
		rc = fs_write(u, chunk, n) < 0;
	fclose(in);
	if (!rc && fs_finish(u) < 0)
		rc = 1;
	const char *type = rc ? NULL : file_type(u->tmp_path, u->head, u->headlen);
	if (!rc && (!type || strcmp(type, "pdf"))) {
		fprintf(stderr, "learnweek package: %s 不是 PDF 文件（按内容判断）：盖章扫描件只接受 PDF\n", path);
		rc = 2;
	} else if (!rc && u->size > att_kind("scan")->max_bytes) {
		fprintf(stderr, "learnweek package: %s 太大：盖章扫描件最大 50 MB\n", path);
		rc = 2;
	} else if (!rc && fs_keep(dir, u) < 0) {
		rc = 1;
	}
	if (rc == 1)
		fprintf(stderr, "learnweek package: 无法把 %s 存入文件库\n", path);
	const char *base = strrchr(path, '/');
	*f = (new_file){u->sha256, clean_filename(a, base ? base + 1 : path, "盖章扫描件.pdf"), "application/pdf", u->size, NULL};
	return rc;
}

static int cmd_package(int argc, char **argv)
{
	const command *c = find_command("package");
	if (argc < 2 || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
		usage_of(c, argc < 2 ? stderr : stdout);
		return argc < 2 ? 2 : 0;
	}
	const char *sub = argv[1];
	parsed p;
	if (strcmp(sub, "keygen") && strcmp(sub, "trust") && strcmp(sub, "export") && strcmp(sub, "import")) {
		/* options before the subcommand: a wrong one is named as every command does */
		int prc = sub[0] == '-' ? parse_opts(c, "import", argc, argv, 1, false, &p) : 0;
		if (prc)
			return prc == 1 ? 0 : prc;
		if (sub[0] == '-')
			fprintf(stderr, "learnweek package: 请写明子命令：learnweek package keygen|trust|export|import --data DIR ...\n");
		else
			fprintf(stderr, "learnweek package: 不认识的子命令「%s」（可用：keygen、trust、export、import）\n", sub);
		return 2;
	}
	bool imp = !strcmp(sub, "import");
	PARSE(c, sub, argc - 1, argv + 1, imp ? 1 : 0, &p);
	if (imp && p.npos != 1) {
		fprintf(stderr, "learnweek package import: 请给出要导入的材料包（.zip）\n\n");
		usage_of(c, stderr);
		return 2;
	}
	long long year = 0;
	if (!strcmp(sub, "export") && !opt_int(&p, "year", &year))
		return 2;
	const char *dir = opt_str(&p, "data");
	db *d = datadir_open(dir);
	if (!d)
		return 1;
	arena a = {0};
	actor who = {0, "命令行", "", now_utc()};
	errs e = {0};
	int rc = 0;
	if (!strcmp(sub, "keygen")) {
		char *pub;
		if (transfer_keygen(d, &a, &who, opt_flag(&p, "force"), &pub, &e) < 0)
			rc = 2;
		else
			printf("已生成材料包签名密钥（存在数据库里，backup 会一并备份）。请把公钥交给上级登记：\n%s\n", pub);
	} else if (!strcmp(sub, "trust")) {
		bool replaced = false;
		if (transfer_trust(d, &a, &who, opt_str(&p, "unit"), opt_str(&p, "key"), &replaced, &e) < 0)
			rc = 2;
		else if (replaced)
			printf("已更换「%s」的材料包公钥：用原来的密钥签名的材料包不再被接受。\n", opt_str(&p, "unit"));
		else
			printf("已登记「%s」的材料包公钥。\n", opt_str(&p, "unit"));
	} else if (!strcmp(sub, "export")) {
		const char *scan = opt_str(&p, "scan");
		if (scan) {
			new_file f;
			upload u = {.fd = -1};
			rc = store_scan(dir, scan, &a, &f, &u);
			fs_discard(&u);
			if (!rc && transfer_add_scan(d, &a, &who, year, &f, &e) < 0)
				rc = 2;
		}
		char *what;
		if (!rc && signed_export(d, &a, dir, year, opt_str(&p, "as"), opt_str(&p, "out"), &what, &e) < 0)
			rc = 2;
		if (!rc)
			printf("已导出%s到 %s\n", what, opt_str(&p, "out"));
	} else {
		signed_result res;
		int status = signed_import(d, &a, &who, dir, unit_root(d), 0, p.pos[0], &res, &e);
		if (status)
			rc = status >= 500 ? 1 : 2;
		else
			printf("已导入「%s」%lld 年的材料包，记为第 %lld 版报送材料（待审核）。\n", res.unit_name, res.year, res.version);
	}
	if (e.n)
		fprintf(stderr, "learnweek package %s: %s\n", sub, errs_summary(&e, &a));
	arena_free(&a);
	db_close(d);
	return rc;
}

static int cmd_routes(int argc, char **argv)
{
	parsed p;
	PARSE(find_command("routes"), NULL, argc, argv, 0, &p);
	for (size_t i = 0; i < nroutes; i++) {
		const route *rt = &routes[i];
		for (int m = M_GET; m <= M_DELETE; m <<= 1) {
			if (!(rt->method & m))
				continue;
			printf("%s\t%s\t%s\t", m == M_GET ? "GET" : m == M_POST ? "POST" : m == M_PUT ? "PUT" : "DELETE",
			       rt->pattern, access_name(rt->need));
			for (const param_spec *ps = rt->params; ps && ps->name; ps++)
				printf("%s%s", ps == rt->params ? "" : ",", ps->name);
			/* a GET is listed with the check its POSTs would get, as before */
			const char *check = route_check(rt, m == M_GET ? M_POST : m);
			/* the handler's file: the page file beside the .routes file that lists it */
			size_t fl = strlen(rt->h.file) - (strstr(rt->h.file, ".routes") ? strlen(".routes") : 0);
			printf("\t%s%s%s%s%s%s%s\t%s\t%s\t%.*s.c\n", check, rt->flags & RF_JSON ? ",json" : "", rt->flags & RF_UPLOAD ? ",upload" : "",
			       rt->flags & RF_CACHED ? ",cached" : "", rt->flags & RF_SUBTREE ? ",subtree" : "",
			       rt->flags & RF_OWN_WEEK ? ",own_week" : "", rt->flags & RF_OWN_FORM ? ",own_form" : "",
			       rt->summary ? rt->summary : "", rt->h.name, (int)fl, rt->h.file);
		}
	}
	return 0;
}

/* For the tests only (hidden): the tests read and write the database through
 * this, whatever the engine, instead of sqlite3 or psql by hand. */
static int cmd_sql(int argc, char **argv)
{
	parsed p;
	PARSE(find_command("sql"), NULL, argc, argv, 0, &p);
	db *d = datadir_open(opt_str(&p, "data"));
	if (!d)
		return 1;
	int rc;
	const char *hold = opt_str(&p, "hold-writes");
	if (hold) {
		rc = sql_hold_writes(d, hold, stdout);
	} else if (opt_flag(&p, "dump")) {
		const char *skip = opt_str(&p, "skip");
		char words[1024];
		snprintf(words, sizeof words, " %s ", skip ? skip : "");
		rc = sql_dump(d, words, stdout);
	} else {
		char *script = NULL;
		size_t size = 0;
		FILE *m = open_memstream(&script, &size);
		char chunk[8192];
		size_t k;
		while ((k = fread(chunk, 1, sizeof chunk, stdin)) > 0)
			fwrite(chunk, 1, k, m);
		fclose(m);
		rc = sql_script(d, script, stdout, stderr);
		free(script);
	}
	db_close(d);
	return rc < 0 ? 1 : 0;
}

/* LEARNWEEK_DEMO_SEED (tests only, the demo command only): every random
 * byte the demo draws (passwords, their salts, the secret, verification and
 * cancel codes) comes from libsodium's deterministic generator keyed by the
 * seed, so one demo made twice (on SQLite and on PostgreSQL) holds the same
 * data (tests/cli/engines.sh). serve and every other command keep the
 * system's generator. */
static unsigned char demo_seed_key[randombytes_SEEDBYTES];
static unsigned long long demo_seed_calls;
static void demo_seed_buf(void *const out, const size_t size)
{
	unsigned char key[randombytes_SEEDBYTES];
	memcpy(key, demo_seed_key, sizeof key);
	unsigned long long n = ++demo_seed_calls;
	for (size_t i = 0; i < sizeof n; i++)
		key[i] ^= (unsigned char)(n >> (8 * i));
	randombytes_buf_deterministic(out, size, key);
}
static uint32_t demo_seed_random(void)
{
	uint32_t v;
	demo_seed_buf(&v, sizeof v);
	return v;
}
static const char *demo_seed_name(void)
{
	return "learnweek-demo-seed";
}
static randombytes_implementation demo_seed_impl = {
	.implementation_name = demo_seed_name, .random = demo_seed_random, .buf = demo_seed_buf};

int main(int argc, char **argv)
{
	/* Everything learnweek creates (the data folder, the database and its
	 * -wal/-shm, stored files, exports, backups) holds personal data: readable
	 * by its owner only, whatever umask the shell or the service manager
	 * gives. SQLite and libzip create files with 0666 & ~umask, so the umask
	 * is the one place that reaches them all. */
	umask(077);
	const char *demo_seed = getenv("LEARNWEEK_DEMO_SEED");
	if (argc >= 2 && !strcmp(argv[1], "demo") && demo_seed && *demo_seed) {
		crypto_generichash(demo_seed_key, sizeof demo_seed_key, (const unsigned char *)demo_seed, strlen(demo_seed), NULL, 0);
		randombytes_set_implementation(&demo_seed_impl);
	}
	if (sodium_init() < 0) {
		fprintf(stderr, "learnweek: libsodium 初始化失败\n");
		return 1;
	}
	if (argc < 2) {
		cmd_help(1, argv);
		return 2;
	}
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))
		return cmd_help(1, argv);
	const command *c = find_command(argv[1]);
	if (!c) {
		fprintf(stderr, "learnweek: 没有名为「%s」的命令。运行 learnweek help 查看所有命令。\n", argv[1]);
		return 2;
	}
	if (strcmp(c->name, "serve"))
		log_quiet = 1;
	const char *env_now = getenv("LEARNWEEK_NOW");
	if (env_now && *env_now) {
		/* serve is the production server: a LEARNWEEK_NOW left in a shell
		 * must not start it in another year; it takes --now only */
		if (!strcmp(c->name, "serve")) {
			fprintf(stderr, "learnweek serve: 环境变量 LEARNWEEK_NOW 不用于正式服务。"
					"确要让服务以假定的时刻运行（演示、测试），请在命令行写 --now %s，并去掉这个环境变量。\n", env_now);
			return 2;
		}
		if (clock_from(c->name, "LEARNWEEK_NOW", env_now))
			return 2;
	}
	const char *env_db = getenv("LEARNWEEK_DATABASE");
	if (env_db && *env_db) {
		if (!db_is_address(env_db)) {
			fprintf(stderr, "learnweek %s: 环境变量 LEARNWEEK_DATABASE 应是一个 PostgreSQL 地址（postgresql://...）\n", c->name);
			return 2;
		}
		datadir_use_database(env_db); /* --database on the command line wins */
	}
	return c->fn(argc - 1, argv + 1);
}
