// DStream Playground embed loader. A teacher's page writes
//   <div data-dstream-lesson="inverse-reduce" data-lang="zh"></div>
// (or <div data-dstream-state="PAYLOAD"></div>, PAYLOAD being what follows "#s=" in a shared
// link) and loads this script once: <script src="https://HOST/PATH/embed.js" defer></script>.
// Each such element gets an iframe of embed.html (found beside this script, so any host and
// sub-path work), sized to its content. Every widget is its own document: two widgets never
// share state, and keyboard shortcuts act only in the one that has focus.
//
// postMessage API (see embed-demo.html): el.dstream.play(), .pause(), .seek(batch),
// .load(state) post {source: "dstream", type, ...} to the widget; the widget's events
// (ready, batch, answer, resize) are re-dispatched on the element as DOM events
// "dstream:ready", "dstream:batch", "dstream:answer", "dstream:resize" with the message as
// `detail`. Messages are accepted only from the element's own iframe, from embed.html's
// origin, and of a known shape.
(function () {
  'use strict';
  var script = document.currentScript;
  var base = script && script.src ? script.src : document.baseURI;
  var embedUrl = new URL('embed.html', base);
  var embedOrigin = embedUrl.origin;
  var EVENTS = { ready: 1, batch: 1, answer: 1, resize: 1 };
  var ID = /^[a-z0-9-]{1,64}$/;
  var STATE = /^[A-Za-z0-9_-]{1,131072}$/;
  var widgets = [];

  function src(el) {
    var lang = el.getAttribute('data-lang');
    var params = [];
    if (lang === 'zh' || lang === 'en') params.push('lang=' + lang);
    if (location.origin && location.origin !== 'null') {
      params.push('parent=' + encodeURIComponent(location.origin));
    }
    var state = el.getAttribute('data-dstream-state') || el.getAttribute('data-state');
    var lesson = el.getAttribute('data-dstream-lesson');
    if (state && STATE.test(state)) {
      return embedUrl.href + '#s=' + state + (params.length ? '&' + params.join('&') : '');
    }
    if (lesson && ID.test(lesson)) {
      return embedUrl.href + '#lesson/' + lesson + (params.length ? '?' + params.join('&') : '');
    }
    return embedUrl.href + (params.length ? '#?' + params.join('&') : '');
  }

  function mount(el) {
    if (el.getAttribute('data-dstream-mounted')) return;
    el.setAttribute('data-dstream-mounted', 'true');
    var frame = document.createElement('iframe');
    frame.src = src(el);
    frame.title = el.getAttribute('data-title') || 'DStream Playground';
    frame.setAttribute('allow', 'clipboard-write');
    frame.style.width = '100%';
    frame.style.height = '640px';
    frame.style.border = '0';
    frame.style.display = 'block';
    el.textContent = '';
    el.appendChild(frame);
    function post(msg) {
      if (!frame.contentWindow) return;
      msg.source = 'dstream';
      frame.contentWindow.postMessage(msg, embedOrigin);
    }
    el.dstream = {
      iframe: frame,
      play: function () { post({ type: 'play' }); },
      pause: function () { post({ type: 'pause' }); },
      seek: function (batch) { post({ type: 'seek', batch: Number(batch) }); },
      load: function (state) { post({ type: 'load', state: String(state) }); },
    };
    widgets.push({ el: el, frame: frame });
  }

  window.addEventListener('message', function (e) {
    if (e.origin !== embedOrigin) return;
    var d = e.data;
    if (!d || typeof d !== 'object' || d.source !== 'dstream' || !EVENTS[d.type]) return;
    for (var i = 0; i < widgets.length; i++) {
      var w = widgets[i];
      if (w.frame.contentWindow !== e.source) continue;
      if (d.type === 'resize') {
        var h = Number(d.height);
        if (isFinite(h) && h > 0) w.frame.style.height = Math.min(Math.max(h, 120), 20000) + 'px';
      }
      w.el.dispatchEvent(new CustomEvent('dstream:' + d.type, { detail: d }));
    }
  });

  function scan(root) {
    var els = (root || document).querySelectorAll(
      '[data-dstream-lesson], [data-dstream-state], [data-dstream][data-state]',
    );
    for (var i = 0; i < els.length; i++) mount(els[i]);
  }

  window.DStreamEmbed = { scan: scan };
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', function () { scan(); });
  } else {
    scan();
  }
})();
