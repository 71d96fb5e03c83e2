/* conflict.c: the answer to a stale save (lost updates, issue 14). The save
 * was refused inside its transaction (revision_claim); the person gets 409 and,
 * above their own form with everything they typed still in it, what the other
 * person saved beside what they typed. Saving that form again keeps theirs
 * (it now carries the current revision); the link reloads the record as saved. */
#include "conflict.h"
#include <stdlib.h>
#include <string.h>

void conflict_prepare(req *r, resp *w, const diff_row *rows, int n, const char *take_theirs_href)
{
	html b = HTML_INIT;
	w->status = 409;
	html(&b, "<section class=\"conflict errors\" role=\"alert\"><h2>保存冲突：别人已修改这条记录</h2>"
		 "<p>您打开这页之后，别人已经修改并保存了这条记录。为免覆盖对方的修改，这次没有保存。"
		 "您填写的内容都还在下面的表单里，没有丢失。</p>");
	int shown = 0;
	for (int i = 0; i < n; i++) {
		const char *t = rows[i].theirs ? rows[i].theirs : "", *m = rows[i].mine ? rows[i].mine : "";
		if (!strcmp(t, m))
			continue;
		if (!shown++)
			html(&b, "<table class=\"conflict-diff\"><thead><tr><th scope=\"col\">项目</th>"
				 "<th scope=\"col\">对方已保存的内容</th><th scope=\"col\">您这次填写的内容</th></tr></thead><tbody>");
		H(&b, "<tr><th scope=\"row\">%s</th><td>%s</td><td>%s</td></tr>", rows[i].label, *t ? t : "（空）", *m ? m : "（空）");
	}
	if (shown)
		html(&b, "</tbody></table>");
	else
		html(&b, "<p>对方保存的内容与您填写的相同（可能只是改了状态或其他页面上的项目）。</p>");
	H(&b, "<p class=\"actions\"><a class=\"button\" href=\"%s\">采用对方的版本（放弃我的修改）</a> "
	      "或核对下面的表单后点“保存”，保留我的版本（会替换对方的修改）。</p></section>\n", take_theirs_href);
	r->page_lead = html_keep(r->a, &b); /* until the page is written (layout.c) */
}
