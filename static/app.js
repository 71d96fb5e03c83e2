/* learnweek: progressive enhancement only; every page works without this file. */
(function () {
  'use strict';
  document.addEventListener('click', function (e) {
    var t = e.target.closest && e.target.closest('[data-back]');
    if (t && history.length > 1) { e.preventDefault(); history.back(); }
    var c = e.target.closest && e.target.closest('[data-confirm]');
    if (c && !window.confirm(c.getAttribute('data-confirm'))) e.preventDefault();
  });
  /* a visible length guide on long text fields */
  Array.prototype.forEach.call(document.querySelectorAll('textarea[data-max]'), function (ta) {
    var max = +ta.getAttribute('data-max'); if (!max) return;
    var p = document.createElement('p'); p.className = 'hint'; p.setAttribute('aria-live', 'polite');
    ta.parentNode.insertBefore(p, ta.nextSibling);
    var upd = function () { var n = Array.from(ta.value).length; p.textContent = '已写 ' + n + ' / ' + max + ' 字'; };
    ta.addEventListener('input', upd); upd();
  });
  /* upload forms (data-progress): show how much has been sent. Without this
   * script the form posts as usual; with it the same request goes by XHR and
   * the answer (the preview, or the page that says what is wrong) replaces
   * this page. */
  Array.prototype.forEach.call(document.querySelectorAll('form[data-progress]'), function (form) {
    if (!window.FormData || !window.XMLHttpRequest) return;
    form.addEventListener('submit', function (e) {
      var bar = form.querySelector('progress'), text = form.querySelector('.progress-text');
      var btn = form.querySelector('button[type=submit]');
      e.preventDefault();
      var xhr = new XMLHttpRequest();
      xhr.open('POST', form.action);
      if (bar) { bar.hidden = false; bar.value = 0; }
      if (btn) btn.disabled = true;
      xhr.upload.addEventListener('progress', function (ev) {
        if (!ev.lengthComputable) return;
        var pct = Math.round(ev.loaded * 100 / ev.total);
        if (bar) bar.value = pct;
        if (text) text.textContent = pct < 100 ? '正在上传：' + pct + '%' : '上传完成，正在逐行检查，请稍候……';
      });
      xhr.addEventListener('load', function () {
        if (xhr.responseURL && xhr.responseURL !== form.action && xhr.status === 200) {
          window.location.assign(xhr.responseURL);
          return;
        }
        document.open(); document.write(xhr.responseText); document.close();
      });
      xhr.addEventListener('error', function () {
        if (btn) btn.disabled = false;
        if (bar) bar.hidden = true;
        if (text) text.textContent = '上传失败：网络中断或文件太大。请检查网络后重试。';
      });
      xhr.send(new FormData(form));
    });
  });
})();
