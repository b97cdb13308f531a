/**
 * A strict RFC 4180 reader for the tests: CRLF between records, fields quoted when they
 * must be, quotes doubled inside. Anything else (a bare LF between records, a stray quote,
 * a record of another width) throws, so a test reading a file also checks how it is written.
 */
export function readCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let i = 0;
  const endRecord = () => {
    records.push(record);
    record = [];
  };
  while (i < text.length) {
    let field = '';
    if (text[i] === '"') {
      i += 1;
      for (;;) {
        if (i >= text.length) throw new Error('CSV: a quoted field is not closed');
        if (text[i] === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i += 1;
          break;
        }
        field += text[i];
        i += 1;
      }
    } else {
      while (i < text.length && text[i] !== ',' && text[i] !== '\r' && text[i] !== '\n') {
        if (text[i] === '"') throw new Error(`CSV: a quote inside an unquoted field at ${i}`);
        field += text[i];
        i += 1;
      }
    }
    record.push(field);
    if (text[i] === ',') {
      i += 1;
      continue;
    }
    if (text.startsWith('\r\n', i)) {
      i += 2;
      endRecord();
      continue;
    }
    if (i >= text.length) {
      endRecord();
      break;
    }
    throw new Error(`CSV: ${JSON.stringify(text[i])} where a comma or CRLF belongs, at ${i}`);
  }
  const width = records[0]?.length;
  records.forEach((r, n) => {
    if (r.length !== width) throw new Error(`CSV: record ${n + 1} has ${r.length} fields, the header ${width}`);
  });
  return records;
}
