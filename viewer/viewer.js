// The page of `zine serve`: the PDFs the last build wrote, drawn with pdf.js,
// as spreads, single pages, beside the original or as printed sheets; drawn
// again after every build, at the place the reader was looking at.
import * as pdfjs from '/pdfjs/pdf.min.mjs';

pdfjs.GlobalWorkerOptions.workerSrc = '/pdfjs/pdf.worker.min.mjs';

/** PostScript points to CSS pixels at 100 %. */
const CSS_PER_POINT = 96 / 72;
const FILES = {
  spreads: '_screen_two_page_view.pdf',
  pages: '_screen_single_page_view.pdf',
  letter: '_print_black_and_white.pdf',
  a4: '_print_black_and_white_a4.pdf',
};

const $ = (id) => document.getElementById(id);
const params = new URLSearchParams(location.hash.slice(1));
const view = { locale: params.get('locale'), mode: params.get('view') ?? 'spreads', zoom: 1 };
let state;
let shownVersion = -1;
/** Drawn pages of the current view, by key: redrawn when the zoom or the screen's pixel density changes. */
let drawn = [];
let observer;

function remember() {
  const p = new URLSearchParams({ locale: view.locale, view: view.mode });
  history.replaceState(null, '', `#${p}`);
}

function localeOf(code) {
  return state.locales.find((l) => l.locale === code);
}

function fileOf(locale, mode) {
  const name = locale?.files.find((f) => f.endsWith(FILES[mode]));
  return name && `/out/${encodeURIComponent(locale.locale)}/${encodeURIComponent(name)}?v=${state.version}`;
}

const documents = new Map();
function open(url) {
  // glyphs drawn from their outlines, exactly as the PDF has them, sharp at any zoom, whatever fonts the browser has or accepts
  if (!documents.has(url)) documents.set(url, pdfjs.getDocument({ url, isEvalSupported: false, disableFontFace: true }).promise);
  return documents.get(url);
}

/** A page's box, its canvas drawn when it comes into view. */
function paper(pdf, number, key) {
  const box = document.createElement('canvas');
  box.className = 'paper';
  box.dataset.key = key;
  const item = { box, pdf, number, page: undefined, done: 0 };
  drawn.push(item);
  box.item = item;
  return box;
}

function blank(size) {
  const box = document.createElement('div');
  box.className = 'paper blank';
  box.style.width = `${size.width}px`;
  box.style.height = `${size.height}px`;
  return box;
}

async function size(item) {
  item.page ??= await item.pdf.getPage(item.number);
  const viewport = item.page.getViewport({ scale: view.zoom * CSS_PER_POINT });
  item.box.style.width = `${viewport.width}px`;
  item.box.style.height = `${viewport.height}px`;
  return viewport;
}

async function draw(item) {
  const ratio = window.devicePixelRatio || 1;
  const scale = view.zoom * CSS_PER_POINT * ratio;
  if (item.done === scale) return;
  item.done = scale;
  const viewport = item.page.getViewport({ scale });
  item.box.width = Math.ceil(viewport.width);
  item.box.height = Math.ceil(viewport.height);
  await item.page.render({ canvas: item.box, canvasContext: item.box.getContext('2d'), viewport }).promise;
  item.box.dataset.drawn = 'true';
}

function watchDrawing() {
  observer?.disconnect();
  observer = new IntersectionObserver((entries) => {
    for (const e of entries) if (e.isIntersecting) draw(e.target.item);
  }, { rootMargin: '800px 0px' });
  for (const item of drawn) observer.observe(item.box);
}

function labelled(element, text) {
  const figure = document.createElement('div');
  figure.append(element);
  const label = document.createElement('div');
  label.className = 'label';
  label.textContent = text;
  figure.append(label);
  return figure;
}

/**
 * Rows of the original and the translation, page by page, each section
 * starting level on both sides, the back covers (the last pages) a row of
 * their own, of no section.
 */
function besideRows(original, translation, originalCount, translationCount) {
  const starts = (spec) => new Map((spec?.contents ?? []).map((c) => [c.section, c]));
  const [a, b] = [starts(original), starts(translation)];
  const common = [];
  for (const [section, entry] of a) {
    const other = b.get(section);
    const last = common[common.length - 1];
    if (other && (!last || (entry.page > last.a && other.page > last.b))) common.push({ section, a: entry.page, b: other.page, untranslated: other.untranslated === true });
  }
  const cuts = [{ a: 1, b: 1, untranslated: false }, ...common, { a: originalCount, b: translationCount, untranslated: false }, { a: originalCount + 1, b: translationCount + 1 }];
  const rows = [];
  for (let i = 0; i + 1 < cuts.length; i++) {
    const [from, to] = [cuts[i], cuts[i + 1]];
    const n = Math.max(to.a - from.a, to.b - from.b);
    for (let j = 0; j < n; j++) {
      rows.push({
        a: from.a + j < to.a ? from.a + j : undefined,
        b: from.b + j < to.b ? from.b + j : undefined,
        untranslated: from.untranslated,
        first: j === 0 ? from.section : undefined,
      });
    }
  }
  return rows;
}

async function render() {
  const pages = $('pages');
  // the place the reader was looking at: the first page box in view, and how far down the window it stood
  const visible = [...pages.querySelectorAll('[data-key]')].find((e) => e.getBoundingClientRect().bottom > 0);
  const place = visible && { key: visible.dataset.key, top: visible.getBoundingClientRect().top };
  const locale = localeOf(view.locale);
  const original = localeOf(state.defaultLocale);
  const spec = locale?.spec;
  $('title').textContent = spec?.title ?? 'zine serve';
  $('figures').textContent = spec ? `${spec.pages} pages · ${spec.editions.map((e) => `${e.sheets} sheets ${e.paper}`).join(' · ')} · ${spec.words} words · ${spec.binding}` : '';
  // the pages in the locale's direction, the booklet right-bound for right-to-left; the controls stay as they are
  pages.dir = locale?.direction ?? 'ltr';
  $('files').replaceChildren(...(locale?.files ?? []).map((f) => {
    const a = document.createElement('a');
    a.href = `/out/${encodeURIComponent(locale.locale)}/${encodeURIComponent(f)}`;
    a.textContent = f;
    return a;
  }));
  for (const b of document.querySelectorAll('#views button')) b.setAttribute('aria-pressed', String(b.dataset.view === view.mode));

  drawn = [];
  const rows = [];
  if (!fileOf(locale, view.mode === 'beside' ? 'pages' : view.mode) || (view.mode === 'beside' && !fileOf(original, 'pages'))) {
    const none = document.createElement('p');
    none.textContent = 'Nothing built for this view yet.';
    rows.push(none);
  } else if (view.mode === 'beside') {
    const [left, right] = await Promise.all([open(fileOf(original, 'pages')), open(fileOf(locale, 'pages'))]);
    const first = await left.getPage(1);
    const { width, height } = first.getViewport({ scale: view.zoom * CSS_PER_POINT });
    for (const [i, r] of besideRows(original.spec, spec, left.numPages, right.numPages).entries()) {
      const row = document.createElement('div');
      row.className = 'row';
      if (r.untranslated) row.dataset.untranslated = 'true';
      const side = (pdf, number, who) => {
        const box = number === undefined ? blank({ width, height }) : paper(pdf, number, `${i}`);
        const figure = labelled(box, number === undefined ? '' : `${who} ${number}`);
        figure.className = who === locale.locale ? 'translation' : 'original';
        return figure;
      };
      row.append(side(left, r.a, original.locale), side(right, r.b, locale.locale));
      if (r.first && r.untranslated) {
        const note = document.createElement('p');
        note.className = 'note';
        note.textContent = `not yet translated: set in ${original.name}`;
        row.append(note);
      }
      rows.push(row);
    }
  } else {
    const pdf = await open(fileOf(locale, view.mode));
    for (let n = 1; n <= pdf.numPages; n++) {
      const box = paper(pdf, n, `${n}`);
      if (view.mode === 'letter' || view.mode === 'a4') {
        const sheet = document.createElement('div');
        sheet.className = 'sheet';
        const fold = document.createElement('div');
        fold.className = 'fold';
        sheet.append(box, fold);
        rows.push(labelled(sheet, `sheet ${Math.ceil(n / 2)}, ${n % 2 ? 'front' : 'back'}`));
      } else rows.push(labelled(box, view.mode === 'spreads' ? `spread ${n}` : `page ${n}`));
    }
  }
  await Promise.all(drawn.map(size));
  pages.replaceChildren(...rows);
  pages.dataset.view = view.mode;
  pages.dataset.version = String(state.version);
  if (place) {
    const again = pages.querySelector(`[data-key="${CSS.escape(place.key)}"]`);
    if (again) window.scrollBy(0, again.getBoundingClientRect().top - place.top);
  }
  watchDrawing();
}

function tell() {
  $('problem').hidden = state.problem === undefined;
  $('problem').textContent = state.problem ?? '';
  $('warnings').hidden = state.warnings.length === 0;
  $('warnings').querySelector('summary').textContent = `${state.warnings.length} warning${state.warnings.length === 1 ? '' : 's'}`;
  $('warnings').querySelector('ul').replaceChildren(...state.warnings.map((w) => {
    const li = document.createElement('li');
    li.textContent = w;
    return li;
  }));
}

async function load() {
  state = await (await fetch('/state', { cache: 'no-store' })).json();
  tell();
  // a failed build keeps the last good pages
  if (state.problem !== undefined && shownVersion >= 0) return;
  if (!localeOf(view.locale)) view.locale = state.locales.find((l) => l.locale !== state.defaultLocale)?.locale ?? state.defaultLocale;
  const select = $('locale');
  select.replaceChildren(...state.locales.map((l) => new Option(`${l.name} (${l.locale})`, l.locale, false, l.locale === view.locale)));
  documents.clear();
  shownVersion = state.version;
  await render();
}

$('locale').addEventListener('change', (e) => {
  view.locale = e.target.value;
  remember();
  render();
});
for (const b of document.querySelectorAll('#views button')) {
  b.addEventListener('click', () => {
    view.mode = b.dataset.view;
    remember();
    render();
  });
}
$('zoom').addEventListener('input', async (e) => {
  view.zoom = Number(e.target.value) / 100;
  await Promise.all(drawn.map(size));
  for (const item of drawn) item.done = 0;
  watchDrawing();
});
// the browser's own zoom changes the pixels per CSS pixel: pages are drawn again, sharp
const density = () => matchMedia(`(resolution: ${window.devicePixelRatio}dppx)`).addEventListener('change', () => {
  for (const item of drawn) item.done = 0;
  watchDrawing();
  density();
}, { once: true });
density();

// one load at a time: a build finishing while the last one is drawn is read after it
let loading = Promise.resolve();
new EventSource('/events').addEventListener('message', (e) => {
  if (Number(e.data) !== shownVersion) loading = loading.then(load, load);
});
