// The alert banner's dismiss buttons. Runs right after the banner, before it paints, so a
// banner a reader dismissed stays hidden; a new version of the notice shows it again.
// A file, not an inline script, so the site's CSP can forbid inline scripts altogether.
(() => {
  const region = document.currentScript?.closest('[data-alerts]');
  if (!region) return;
  const storage = (() => {
    try {
      return window.localStorage;
    } catch {
      return undefined; // storage refused: dismissal lasts for this page only
    }
  })();
  const keyOf = (alert) => `alert-dismissed:${alert.dataset.alertKey}`;
  const remembered = (alert) => {
    try {
      return storage?.getItem(keyOf(alert)) === '1';
    } catch {
      return false;
    }
  };
  const alerts = [...region.querySelectorAll('[data-alert-key]')];
  const update = () => {
    region.hidden = alerts.every((alert) => alert.hidden);
  };
  for (const alert of alerts) {
    if (remembered(alert)) {
      alert.hidden = true;
      continue;
    }
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'alert-dismiss';
    button.textContent = 'Ẩn';
    button.setAttribute('aria-label', `Ẩn cảnh báo: ${alert.dataset.alertTitle ?? ''}`);
    button.addEventListener('click', () => {
      alert.hidden = true;
      try {
        storage?.setItem(keyOf(alert), '1');
      } catch {
        // Private browsing may refuse storage; the banner stays hidden on this page.
      }
      update();
      // The button is gone: focus goes on to the next banner or the main content, not back to the top.
      const next = alerts.find((other) => !other.hidden)?.querySelector('button');
      const main = document.getElementById('main');
      (next ?? main)?.focus();
    });
    alert.append(button);
  }
  update();
})();
