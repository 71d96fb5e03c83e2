/* board.js: the status board's enhancements; without it the pages say the same.
 * The deadline countdown keeps counting, and each reminder gets a copy button. */
(function () {
  'use strict';
  var dl = document.querySelector('[data-deadline]');
  var out = dl && dl.querySelector('.countdown');
  if (out) {
    /* the server's clock, not the browser's: offset from the time the page was made */
    var skew = +dl.getAttribute('data-now') * 1000 - Date.now();
    var deadline = +dl.getAttribute('data-deadline') * 1000;
    var tick = function () {
      var left = Math.floor((deadline - (Date.now() + skew)) / 60000);
      var over = left < 0, m = Math.abs(left), d = Math.floor(m / 1440), h = Math.floor(m % 1440 / 60);
      out.textContent = over ? '已超过截止时间 ' + (d ? d + ' 天 ' + h + ' 小时' : h ? h + ' 小时' : m + ' 分钟')
        : '还剩 ' + (d ? d + ' 天 ' : '') + h + ' 小时 ' + m % 60 + ' 分钟';
      out.classList.toggle('late', over);
    };
    setInterval(tick, 30000);
  }
  Array.prototype.forEach.call(document.querySelectorAll('button[data-copy]'), function (btn) {
    var ta = document.getElementById(btn.getAttribute('data-copy'));
    var say = btn.parentNode.querySelector('.copied');
    if (!ta) return;
    btn.hidden = false;
    btn.addEventListener('click', function () {
      var done = function (ok) { if (say) say.textContent = ok ? '已复制，可以粘贴到微信或短信里。' : '没能复制，请手动选中文字复制。'; };
      ta.focus(); ta.select();
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(ta.value).then(function () { done(true); }, function () { done(document.execCommand('copy')); });
      } else {
        done(document.execCommand('copy'));
      }
    });
  });
})();
