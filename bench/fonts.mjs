// The font programs a PDF embeds and their sizes, read from the file: what
// each subset adds to a zine passed around by e-mail.
import { readFileSync } from 'node:fs';
import { inflateSync } from 'node:zlib';

/**
 * Each embedded font's name and the size of its program, deflated as stored
 * and inflated; for a CFF program (FontFile3), also what its subroutines
 * take (see `cffParts`).
 */
export function embeddedFonts(file) {
  const raw = readFileSync(file);
  const text = raw.toString('latin1');
  const objects = new Map();
  for (const m of text.matchAll(/(\d+) 0 obj\s*<<([^]*?)>>\s*(stream\r?\n)?/g)) {
    objects.set(m[1], { dict: m[2], start: m[3] ? m.index + m[0].length : undefined });
  }
  const fonts = [];
  for (const { dict } of objects.values()) {
    const name = /\/FontName\s*\/([^\s/>]+)/.exec(dict)?.[1];
    const ref = /\/FontFile([23]?)\s+(\d+) 0 R/.exec(dict);
    if (!name || !ref) continue;
    const program = objects.get(ref[2]);
    const length = Number(/\/Length (\d+)/.exec(program.dict)?.[1] ?? 0);
    const stored = raw.subarray(program.start, program.start + length);
    const data = /FlateDecode/.test(program.dict) ? inflateSync(stored) : stored;
    const font = { name: name.replace(/^[A-Z]{6}\+/, ''), stored: length, inflated: data.length };
    // FontFile3 of subtype Type1C or CIDFontType0C is a bare CFF program (OpenType ones start with 'OTTO')
    if (ref[1] === '3' && /\/Subtype\s*\/(CIDFontType0C|Type1C)/.test(program.dict)) font.cff = cffParts(data);
    fonts.push(font);
  }
  return fonts.sort((a, b) => b.stored - a.stored);
}

/**
 * The parts of a CFF program (Adobe TN #5176) that subroutines take: the
 * global subroutine INDEX, the local ones of each Private DICT (one per font
 * dictionary of a CID-keyed font) and the glyphs' CharStrings INDEX beside
 * them; for each, how many entries, how many of them are a bare `return`
 * (one byte, 11: what fontkit's subsetter leaves in the place of a
 * subroutine no kept glyph calls, so that the numbers of the others hold;
 * none where the subroutines kept are renumbered),
 * its size in bytes, offsets included, and the bytes of its entries that
 * are not such a return.
 */
export function cffParts(cff) {
  const index = (at) => {
    const count = cff.readUInt16BE(at);
    if (count === 0) return { count, returns: 0, bytes: 2, kept: 0, end: at + 2, items: [] };
    const offSize = cff[at + 2];
    const offset = (i) => cff.readUIntBE(at + 3 + i * offSize, offSize);
    const data = at + 3 + (count + 1) * offSize - 1; // offsets count from 1
    const items = [];
    for (let i = 0; i < count; i++) items.push(cff.subarray(data + offset(i), data + offset(i + 1)));
    const end = data + offset(count);
    const kept = items.filter((b) => !(b.length === 1 && b[0] === 11));
    return { count, returns: count - kept.length, bytes: end - at, kept: kept.reduce((n, b) => n + b.length, 0), end, items };
  };
  const part = ({ count, returns, bytes, kept }) => ({ count, returns, bytes, kept });
  const names = index(cff[2]); // the header's size
  const topDicts = index(names.end);
  const strings = index(topDicts.end);
  const globalSubrs = index(strings.end);
  const top = dict(topDicts.items[0]);
  const privates = top.get(1236) // FDArray: the font dictionaries of a CID-keyed font, each with its Private DICT
    ? index(top.get(1236)[0]).items.map(dict).map((fd) => fd.get(18)).filter(Boolean)
    : [top.get(18)].filter(Boolean);
  const localSubrs = privates.flatMap(([size, at]) => {
    const subrs = dict(cff.subarray(at, at + size)).get(19); // relative to its Private DICT
    return subrs ? [part(index(at + subrs[0]))] : [];
  });
  return {
    bytes: cff.length,
    charStrings: part(index(top.get(17)[0])),
    globalSubrs: part(globalSubrs),
    localSubrs: localSubrs.reduce((a, b) => ({ count: a.count + b.count, returns: a.returns + b.returns, bytes: a.bytes + b.bytes, kept: a.kept + b.kept }), { count: 0, returns: 0, bytes: 0, kept: 0 }),
    fontDicts: privates.length,
  };
}

/** A CFF DICT's operands by operator (a two-byte operator 12 x as 1200 + x); reals are skipped as 0. */
function dict(bytes) {
  const entries = new Map();
  let operands = [];
  for (let i = 0; i < bytes.length;) {
    const b = bytes[i];
    if (b <= 21) {
      entries.set(b === 12 ? 1200 + bytes[i + 1] : b, operands);
      operands = [];
      i += b === 12 ? 2 : 1;
    } else if (b === 28) { operands.push(bytes.readInt16BE(i + 1)); i += 3; }
    else if (b === 29) { operands.push(bytes.readInt32BE(i + 1)); i += 5; }
    else if (b === 30) { // a real: nibbles up to one of 0xf
      i++;
      while ((bytes[i] & 0x0f) !== 0x0f && (bytes[i] >> 4) !== 0x0f) i++;
      i++;
      operands.push(0);
    } else if (b <= 246) { operands.push(b - 139); i += 1; }
    else if (b <= 250) { operands.push((b - 247) * 256 + bytes[i + 1] + 108); i += 2; }
    else if (b <= 254) { operands.push(-(b - 251) * 256 - bytes[i + 1] - 108); i += 2; }
    else i += 1; // 255 is reserved in a DICT
  }
  return entries;
}
