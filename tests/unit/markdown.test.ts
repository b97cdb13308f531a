import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../site/src/lib/markdown.js';

const ALERT_B64 = 'PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=='; // <script>alert(1)</script>
const entities = (s: string, hex = false) =>
  [...s].map((c) => (hex ? `&#x${c.charCodeAt(0).toString(16)};` : `&#${c.charCodeAt(0)};`)).join('');

// OWASP XSS filter-evasion cheat sheet, adapted for a markdown pipeline.
const payloads: Array<[name: string, markdown: string]> = [
  ['script tag', '<script>alert(1)</script>'],
  ['upper-case external script', '<SCRIPT SRC=http://xss.rocks/xss.js></SCRIPT>'],
  ['svg onload', '<svg onload=alert(1)>'],
  ['script inside svg', '<svg><script>alert(1)</script></svg>'],
  ['svg xlink:href', '<svg><a xlink:href="javascript:alert(1)"><text x="20" y="20">x</text></a></svg>'],
  ['img onerror', '<img src=x onerror=alert(1)>'],
  ['img onerror, unclosed tag', '<img src="x" onerror="alert(1)"'],
  ['img javascript: src', `<IMG SRC="javascript:alert('XSS');">`],
  ['img mixed-case javascript:', `<IMG SRC=JaVaScRiPt:alert('XSS')>`],
  ['img decimal entities', `<IMG SRC=${entities("javascript:alert('XSS')")}>`],
  ['img padded decimal entities', `<IMG SRC=${[..."javascript:alert(1)"].map((c) => `&#00000${c.charCodeAt(0)}`).join('')}>`],
  ['img hex entities, no semicolons', `<IMG SRC=${[..."javascript:alert(1)"].map((c) => `&#x${c.charCodeAt(0).toString(16)}`).join('')}>`],
  ['img srcset', '<img srcset="javascript:alert(1) 1x">'],
  ['anchor with tab entity', '<a href="jav&#x09;ascript:alert(1)">x</a>'],
  ['anchor with newline entity', '<a href="jav&#x0A;ascript:alert(1)">x</a>'],
  ['anchor with leading control char', '<a href=" &#14;  javascript:alert(1)">x</a>'],
  ['anchor with literal control char', '<a href="\u0001javascript:alert(1)">x</a>'],
  ['anchor &colon; entity', '<a href="javascript&colon;alert(1)">x</a>'],
  ['anchor first letter encoded', '<a href="&#106;avascript:alert(1)">x</a>'],
  ['anchor onclick beside a good href', '<a href="https://example.com" onclick="alert(1)">ok</a>'],
  ['anchor unclosed', '<a href="javascript:alert(1)">unclosed'],
  ['vbscript:', '<a href="vbscript:msgbox(1)">x</a>'],
  ['data:text/html anchor', `<a href="data:text/html;base64,${ALERT_B64}">x</a>`],
  ['markdown link javascript:', '[a](javascript:alert(1))'],
  ['markdown link mixed case', '[a](JaVaScRiPt:alert(1))'],
  ['markdown link entity colon', '[a](javascript&#58;alert(1))'],
  ['markdown link hex-entity letter', '[a](&#x6A;avascript:alert(1))'],
  ['markdown link in angle brackets', '[a](<javascript:alert(1)>)'],
  ['markdown link with comment trick', '[a](javascript://%0aalert(1))'],
  ['nested markdown links', '[x]([y](javascript:alert(1)))'],
  ['markdown link data:text/html', `[a](data:text/html;base64,${ALERT_B64})`],
  ['markdown link vbscript:', '[a](vbscript:alert(1))'],
  ['markdown reference link', '[a][evil]\n\n[evil]: javascript:alert(1)'],
  ['markdown image javascript:', '![a](javascript:alert(1))'],
  ['markdown image data:svg', '![a](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)'],
  ['autolink javascript:', '<javascript:alert(1)>'],
  ['autolink vbscript:', '<vbscript:msgbox(1)>'],
  ['iframe javascript:', '<iframe src="javascript:alert(1)"></iframe>'],
  ['iframe srcdoc', '<iframe srcdoc="<script>alert(1)</script>"></iframe>'],
  ['object data', '<object data="javascript:alert(1)"></object>'],
  ['embed data: URL', '<embed src="data:text/html,<script>alert(1)</script>">'],
  ['style attribute url()', '<div style="background:url(javascript:alert(1))">x</div>'],
  ['style expression()', '<p style="width: expression(alert(1))">x</p>'],
  ['style element @import', `<style>@import 'javascript:alert(1)';</style>`],
  ['table background', '<table background="javascript:alert(1)"><tr><td>x</td></tr></table>'],
  ['double open bracket', '<<script>alert(1)//<</script>'],
  ['split script tag', '<scr<script>ipt>alert(1)</script>'],
  ['math/style mutation', '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>'],
  ['noscript attribute break-out', '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>'],
  ['comment break-out', '<!--<img src="--><img src=x onerror=alert(1)//">'],
  ['form action', '<form action="javascript:alert(1)"><button>x</button></form>'],
  ['input autofocus onfocus', '<input onfocus=alert(1) autofocus>'],
  ['details ontoggle', '<details open ontoggle=alert(1)>'],
  ['body onload', '<body onload=alert(1)>'],
  ['video source onerror', '<video><source onerror="alert(1)"></video>'],
  ['meta refresh', '<META HTTP-EQUIV="refresh" CONTENT="0;url=javascript:alert(1);">'],
  ['base href', '<base href="javascript:alert(1)//">'],
  ['link stylesheet', '<link rel=stylesheet href="javascript:alert(1)">'],
];

const NAMED: Record<string, string> = { colon: ':', tab: '\t', newline: '\n', amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);?/gi, (whole, ref: string) => {
    if (ref[0] !== '#') return NAMED[ref.toLowerCase()] ?? whole;
    const code = ref[1]?.toLowerCase() === 'x' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
    return String.fromCodePoint(code);
  });
}

/** Every way the output could still run code: dangerous elements, handlers, styles, scriptable URLs. */
function executableBits(html: string): string[] {
  const found: string[] = [];
  const dangerousTag = /<\s*\/?\s*(script|iframe|object|embed|svg|math|style|form|input|base|meta|link|body)\b/i;
  if (dangerousTag.test(html)) found.push(`tag ${dangerousTag.exec(html)?.[0]}`);
  for (const [tag] of html.matchAll(/<[a-z][^>]*>/gi)) {
    if (/\son[a-z]+\s*=/i.test(tag)) found.push(`handler in ${tag}`);
    if (/\sstyle\s*=/i.test(tag)) found.push(`style in ${tag}`);
    for (const m of tag.matchAll(/\s(href|src|srcset|action|formaction|xlink:href|data|background|poster)\s*=\s*("([^"]*)"|'([^']*)'|([^\s>]+))/gi)) {
      const value = decodeEntities(m[3] ?? m[4] ?? m[5] ?? '')
        .replace(/[\u0000-\u0020\u007f-\u009f]+/g, '')
        .toLowerCase();
      if (/^(javascript|vbscript|data):/.test(value)) found.push(`${m[1]}=${value} in ${tag}`);
    }
  }
  return found;
}

describe('renderMarkdown neutralises XSS payloads', () => {
  it('covers at least 30 payloads', () => {
    expect(payloads.length).toBeGreaterThanOrEqual(30);
  });

  it.each(payloads)('%s', (_name, markdown) => {
    expect(executableBits(renderMarkdown(markdown))).toEqual([]);
  });

  it('the checker itself catches what it should', () => {
    expect(executableBits('<a href="jav&#x09;ascript:alert(1)">x</a>')).not.toEqual([]);
    expect(executableBits('<img src=x onerror=alert(1)>')).not.toEqual([]);
    expect(executableBits('<svg></svg>')).not.toEqual([]);
  });
});

describe('renderMarkdown keeps good content', () => {
  it('gives headings Vietnamese slug ids', () => {
    const html = renderMarkdown('## Giới thiệu chung\n\n### Đường Đại Cồ Việt\n\n## Tôm & cá: **Hồ Tây**!');
    expect(html).toContain('<h2 id="gioi-thieu-chung">Giới thiệu chung</h2>');
    expect(html).toContain('<h3 id="duong-dai-co-viet">Đường Đại Cồ Việt</h3>');
    expect(html).toContain('id="tom-ca-ho-tay"');
  });

  it('keeps heading ids unique and off the skip-link target', () => {
    const html = renderMarkdown('## Kết quả\n\n## Kết quả\n\n## Main\n\n<h2 id="ket-qua">raw</h2>');
    expect(html).toContain('<h2 id="ket-qua">');
    expect(html).toContain('<h2 id="ket-qua-1">');
    expect(html).toContain('<h2 id="main-1">');
    expect(html.match(/id="ket-qua"/g)).toHaveLength(1);
    expect(html).not.toContain('id="main"');
  });

  it('falls back to a generic id for headings with no Latin letters or digits', () => {
    expect(renderMarkdown('## !!!')).toContain('<h2 id="muc">');
  });

  it('marks external links noopener noreferrer and leaves internal ones alone', () => {
    const html = renderMarkdown('[Chính phủ](https://chinhphu.vn) và [tin](/tin-tuc/abc/)');
    expect(html).toContain('<a href="https://chinhphu.vn" rel="noopener noreferrer">Chính phủ</a>');
    expect(html).toContain('<a href="/tin-tuc/abc/">tin</a>');
  });

  it('keeps mailto and tel links', () => {
    const html = renderMarkdown('[thư](mailto:ubnd@hanoi.gov.vn) [gọi](tel:+842439780000)');
    expect(html).toContain('href="mailto:ubnd@hanoi.gov.vn"');
    expect(html).toContain('href="tel:+842439780000"');
  });

  it('keeps http(s) images with alt text', () => {
    expect(renderMarkdown('![Lễ khai mạc](https://cms.example.vn/uploads/a.jpg)')).toContain(
      'src="https://cms.example.vn/uploads/a.jpg" alt="Lễ khai mạc"',
    );
  });

  it('preserves Vietnamese text and normalises it to NFC', () => {
    const nfc = 'Quận Hai Bà Trưng đẩy mạnh cải cách hành chính, nâng cao chất lượng phục vụ Nhân dân.';
    const html = renderMarkdown(nfc.normalize('NFD'));
    expect(html).toBe(`<p>${nfc}</p>\n`);
  });

  it('keeps tables, lists and code', () => {
    const html = renderMarkdown('| Năm | Chỉ tiêu |\n|:-|-:|\n| 2025 | 12 |\n\n3. ba\n4. bốn\n\n`mã`');
    expect(html).toContain('<th align="left">Năm</th>');
    expect(html).toContain('<ol start="3">');
    expect(html).toContain('<code>mã</code>');
  });
});
