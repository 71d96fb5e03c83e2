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
})();
