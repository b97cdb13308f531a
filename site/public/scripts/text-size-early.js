// Runs before first paint so a reader's chosen text size never flashes back to the default.
// A file, not an inline script, so the site's CSP can forbid inline scripts altogether.
try {
  const size = localStorage.getItem('text-size');
  if (size === 'sm' || size === 'lg') document.documentElement.dataset.textSize = size;
} catch {}
