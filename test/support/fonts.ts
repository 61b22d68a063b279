/** Font files made for tests. */

/** The tags of the tables of the face whose directory starts at `at`, in the directory's order. */
export function tableTags(data: Uint8Array, at = 0): string[] {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  return Array.from({ length: view.getUint16(at + 4) }, (_, i) => String.fromCharCode(...data.subarray(at + 12 + 16 * i, at + 16 + 16 * i)));
}

/**
 * A collection of the given single fonts, each face's table offsets moved to
 * where its font now starts; `faces` lists each face by its font (a font
 * listed twice is two faces sharing every table, as Noto CJK's faces share
 * their outlines).
 */
export function collection(fonts: Buffer[], faces = fonts.map((_, i) => i)): Buffer {
  const header = 12 + 4 * faces.length;
  const starts: number[] = [];
  let end = header;
  for (const f of fonts) {
    starts.push(end);
    end += (f.length + 3) & ~3;
  }
  const out = Buffer.alloc(end);
  out.write('ttcf', 0, 'latin1');
  out.writeUInt32BE(0x00010000, 4);
  out.writeUInt32BE(faces.length, 8);
  faces.forEach((font, i) => out.writeUInt32BE(starts[font]!, 12 + 4 * i));
  fonts.forEach((f, i) => {
    const at = starts[i]!;
    f.copy(out, at);
    for (let t = 0; t < f.readUInt16BE(4); t++) out.writeUInt32BE(f.readUInt32BE(12 + 16 * t + 8) + at, at + 12 + 16 * t + 8);
  });
  return out;
}
