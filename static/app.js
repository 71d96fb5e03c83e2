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
  /* file inputs that read in Chinese in any browser: a labelled button and
   * the chosen file's name beside it. The native input stays where it was,
   * transparent over the button, so a click, the keyboard, its <label> and a
   * screen reader still reach it; without this script it shows as it is. */
  Array.prototype.forEach.call(document.querySelectorAll('input[type=file]'), function (inp) {
    var box = document.createElement('span'); box.className = 'file-pick';
    var btn = document.createElement('span'); btn.className = 'file-button'; btn.setAttribute('aria-hidden', 'true');
    btn.textContent = inp.multiple ? '选择文件（可多选）' : '选择文件';
    var name = document.createElement('span'); name.className = 'file-name'; name.setAttribute('aria-live', 'polite');
    inp.parentNode.insertBefore(box, inp);
    box.appendChild(btn); box.appendChild(inp); box.appendChild(name);
    var upd = function () {
      var f = inp.files;
      name.textContent = !f || !f.length ? '未选择文件' : f.length === 1 ? '已选择：' + f[0].name
        : '已选择 ' + f.length + ' 个文件：' + Array.prototype.map.call(f, function (x) { return x.name; }).join('、');
    };
    inp.addEventListener('change', upd); upd();
    document.documentElement.classList.add('js-files');
  });
  /* upload forms (data-progress): show how much has been sent. Without this
   * script the form posts as usual; with it the same request goes by XHR and
   * the page the server answers with (the next page, or the page that says
   * what is wrong) replaces this one, at its own address, flash message and
   * all. A form may hold its own <progress hidden> and .progress-text. */
  var mb = function (n) { return (n / 1048576).toFixed(1) + ' MB'; };
  document.addEventListener('submit', function (e) {
    var f = e.target;
    if (e.defaultPrevented || !f.hasAttribute('data-progress') || !window.FormData || !window.XMLHttpRequest) return;
    e.preventDefault();
    if (f.getAttribute('aria-busy') === 'true') return;
    f.setAttribute('aria-busy', 'true');
    var bar = f.querySelector('progress') || f.appendChild(document.createElement('progress'));
    var say = f.querySelector('.progress-text');
    if (!say) { say = f.appendChild(document.createElement('p')); say.className = 'hint progress-text'; }
    say.setAttribute('aria-live', 'polite');
    bar.hidden = false; bar.max = 100; bar.value = 0;
    say.textContent = '正在上传…';
    var buttons = f.querySelectorAll('button');
    var busy = function (on) {
      Array.prototype.forEach.call(buttons, function (b) { b.disabled = on; });
      if (!on) f.removeAttribute('aria-busy');
    };
    busy(true);
    var xhr = new XMLHttpRequest();
    xhr.open('POST', f.action);
    xhr.upload.onprogress = function (ev) {
      if (!ev.lengthComputable) return;
      var pct = Math.floor(ev.loaded * 100 / ev.total);
      bar.value = pct;
      say.textContent = '已上传 ' + pct + '%（' + mb(ev.loaded) + ' / ' + mb(ev.total) + '）';
    };
    xhr.upload.onload = function () { bar.value = 100; say.textContent = '上传完成，正在检查文件，请稍候……'; };
    xhr.onload = function () {
      var url = xhr.responseURL;
      document.open(); document.write(xhr.responseText); document.close();
      if (url && xhr.status < 400) history.replaceState(null, '', url);
    };
    xhr.onerror = xhr.onabort = function () {
      bar.hidden = true;
      say.textContent = '上传没有完成（网络中断或文件太大）。请检查网络后重新上传。';
      busy(false);
    };
    xhr.send(new FormData(f));
  });
})();
