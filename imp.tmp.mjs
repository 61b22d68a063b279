import { readFileSync } from 'fs';
const { decodeJpeg, greyJpeg } = await import('./dist/content/jpeg.js');
const d = readFileSync('images/cover.jpg');
let t = performance.now(); const p = decodeJpeg(d); const td = performance.now() - t;
t = performance.now(); const g = greyJpeg(p); console.log('decode', td.toFixed(1), 'encode', (performance.now() - t).toFixed(1), g.length);
t = performance.now(); greyJpeg(p); console.log('encode again', (performance.now() - t).toFixed(1));
