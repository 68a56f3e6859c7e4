// When the app's WebAssembly stops for good (a trap: a stack that ran out in V8, a bug of
// ours that panicked), the page would go on showing its last frame, deaf to every click.
// This says so, in the page's language, and offers the reload: the learner's session is
// saved, and one whose run never finished comes back halted, not run until they ask
// (web/src/storage.rs, `Running`). Text only (textContent), no markup from anywhere.
(() => {
  let shown = false;
  const fatal = (e) =>
    e instanceof WebAssembly.RuntimeError ||
    (e instanceof RangeError && /call stack/i.test(e.message));
  const show = () => {
    if (shown || !document.body) return;
    shown = true;
    const zh = (document.documentElement.lang || '').startsWith('zh');
    const box = document.createElement('div');
    box.className = 'stopped';
    box.setAttribute('role', 'alert');
    const text = document.createElement('span');
    text.textContent = zh
      ? '页面停止了：刚才的运行用完了浏览器的栈，或碰到了 playground 的一个错误。重新载入即可继续：程序和输入的行都已保存，让页面停止的那次运行要等你修改或单步时才会再跑。'
      : 'The page stopped: the last run used up the browser\u2019s stack, or hit a bug of the playground. Reload to go on: your program and lines are saved, and the run that stopped the page waits until you edit or step.';
    const reload = document.createElement('button');
    reload.type = 'button';
    reload.textContent = zh ? '重新载入' : 'Reload';
    reload.addEventListener('click', () => location.reload());
    box.append(text, reload);
    document.body.prepend(box);
    reload.focus();
  };
  window.addEventListener('error', (ev) => fatal(ev.error) && show());
  window.addEventListener('unhandledrejection', (ev) => fatal(ev.reason) && show());
})();
