import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../site/src/lib/markdown.js';
import { XSS_PAYLOADS } from '../helpers/xss-payloads.js';

const payloads = XSS_PAYLOADS;

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
