import { Worker } from 'node:worker_threads';
import { deflateSync } from 'node:zlib';
import type PDFDocument from 'pdfkit';

/**
 * A small, fast text layout on top of pdfkit. pdfkit keeps the document (pages, embedded font subsets with their
 * ToUnicode maps, outline, cross-reference table); this writes the page content itself. Why: pdfkit's `text()`
 * costs about 0.6–0.9 ms per line (measured here: 2,000 one-page sheets took 35–48 s), far over the 2 s budget of
 * a dossier of 2,000 demands. Here:
 * - each code point is mapped to its glyph once per document and each word measured and encoded once (no shaping,
 *   no kerning: plain French text needs neither); wrapping yields each line's encoded bytes with its width;
 * - coordinates are whole hundredths of a point (the page starts with a 0.01 scale), which print faster than
 *   decimals;
 * - a page is sealed as soon as it is full: its header and footer are drawn, its content is compressed and only
 *   the compressed buffer is kept (with every page's strings kept to the end, garbage collection took half the
 *   time). The page count of "page i / n", unknown then, is a form XObject written at the end.
 *
 * It uses four members of pdfkit's EmbeddedFont that its typings do not show (`font`, `subset`, `widths`,
 * `unicode`) and a page's `dictionary`, `content`, `fonts` and `xobjects`; `fontOf` and `writePages` check they are
 * there, so that a pdfkit upgrade that changes them fails loudly.
 */

type FontkitGlyph = { id: number; advanceWidth: number };
type EmbeddedFont = {
  id: string;
  scale: number;
  ascender: number;
  font: { glyphForCodePoint(codePoint: number): FontkitGlyph };
  subset: { includeGlyph(glyphId: number): number };
  widths: (number | undefined)[];
  unicode: (number[] | undefined)[];
  ref(): unknown;
};

export type Rgb = readonly [number, number, number];
export const BLACK: Rgb = [0.106, 0.122, 0.141];
export const NAVY: Rgb = [0.071, 0.196, 0.357];
export const GREY: Rgb = [0.29, 0.333, 0.388];
export const RED: Rgb = [0.706, 0.137, 0.094];
export const WHITE: Rgb = [1, 1, 1];

/** A length in the page's units: hundredths of a point, whole. */
const u = (points: number): number => Math.round(points * 100);
const rgbCache = new WeakMap<Rgb, string>();
const rgb = (c: Rgb): string => {
  let known = rgbCache.get(c);
  if (known === undefined) {
    known = c.map((x) => String(Math.round(x * 1000) / 1000)).join(' ');
    rgbCache.set(c, known);
  }
  return known;
};

/** A glyph code as the two bytes of a PDF literal string (Identity-H), escaped where the syntax needs it. */
const literalBytes = (gid: number): string =>
  [gid >> 8, gid & 0xff]
    .map((byte) => {
      if (byte === 0x5c) return '\\\\';
      if (byte === 0x28) return '\\(';
      if (byte === 0x29) return '\\)';
      if (byte === 0x0d) return '\\r';
      if (byte === 0x0a) return '\\n';
      return String.fromCharCode(byte);
    })
    .join('');

/** Encoded bytes and width in thousandths of the font size. */
type Encoded = { bytes: string; width: number };

/** A line ready to show: its encoded bytes and its width in points. */
export type Line = { bytes: string; width: number };

/** One font of the document: each code point looked up, and each word measured and encoded, once. */
export class PdfFont {
  private readonly glyphs = new Map<number, Encoded>();
  private readonly words = new Map<string, Encoded>();
  private readonly fallback: Encoded;
  readonly space: Encoded;
  /** Texts already wrapped, by size and width: labels, sources and dates repeat from sheet to sheet. */
  readonly wrapped = new Map<string, Line[]>();

  constructor(private readonly embedded: EmbeddedFont) {
    this.fallback = this.glyphOf(63);
    this.space = this.glyphOf(32);
  }

  get id(): string {
    return this.embedded.id;
  }

  get ascender(): number {
    return this.embedded.ascender;
  }

  ref(): unknown {
    return this.embedded.ref();
  }

  private glyphOf(codePoint: number): Encoded {
    let known = this.glyphs.get(codePoint);
    if (known) return known;
    const glyph = this.embedded.font.glyphForCodePoint(codePoint);
    if (glyph.id === 0 && this.fallback) {
      known = this.fallback;
    } else {
      const gid = this.embedded.subset.includeGlyph(glyph.id);
      const width = glyph.advanceWidth * this.embedded.scale;
      this.embedded.widths[gid] ??= width;
      this.embedded.unicode[gid] ??= [codePoint];
      known = { bytes: literalBytes(gid), width };
    }
    this.glyphs.set(codePoint, known);
    return known;
  }

  /** A word (no space). */
  word(word: string): Encoded {
    let known = this.words.get(word);
    if (known) return known;
    let bytes = '';
    let width = 0;
    for (const char of word) {
      const glyph = this.glyphOf(char.codePointAt(0) ?? 32);
      bytes += glyph.bytes;
      width += glyph.width;
    }
    known = { bytes, width };
    this.words.set(word, known);
    return known;
  }

  /** Width in points at `size`. */
  width(text: string, size: number): number {
    return (this.line(text).width * size) / 1000;
  }

  /** A text on one line: words joined by single spaces. */
  line(text: string): Encoded {
    if (!text.includes(' ')) return this.word(text);
    let bytes = '';
    let width = 0;
    text.split(' ').forEach((part, index) => {
      const w = this.word(part);
      if (index > 0) {
        bytes += this.space.bytes;
        width += this.space.width;
      }
      bytes += w.bytes;
      width += w.width;
    });
    return { bytes, width };
  }
}

/** An embedded font of a pdfkit document, registered before (from a font file). */
export const fontOf = (doc: typeof PDFDocument.prototype, name: string): PdfFont => {
  doc.font(name);
  const embedded = (doc as unknown as { _font?: Partial<EmbeddedFont> })._font;
  if (
    !embedded ||
    typeof embedded.font?.glyphForCodePoint !== 'function' ||
    typeof embedded.subset?.includeGlyph !== 'function' ||
    !Array.isArray(embedded.widths) ||
    !Array.isArray(embedded.unicode)
  ) {
    throw new Error(`pdfkit font "${name}" is not an embedded TrueType font with the expected internals`);
  }
  return new PdfFont(embedded as EmbeddedFont);
};

export type TextStyle = { font: PdfFont; size: number; color?: Rgb; leading?: number };

/** Splits a text into lines no wider than `width` points (words longer than a line are cut). */
export const wrap = (text: string, style: TextStyle, width: number): Line[] => {
  const font = style.font;
  // Only short texts (labels, dates, sources) repeat enough to be worth keeping: long ones would only load the heap.
  const key = text.length <= 80 ? `${style.size}|${Math.round(width * 100)}|${text}` : null;
  const cached = key === null ? undefined : font.wrapped.get(key);
  if (cached) return cached;
  const max = (width * 1000) / style.size;
  const lines: Line[] = [];
  const push = (bytes: string, w: number) => lines.push({ bytes, width: (w * style.size) / 1000 });
  const paragraphs = text.includes('\r') ? text.replace(/\r\n?/g, '\n').split('\n') : text.split('\n');
  for (const paragraph of paragraphs) {
    let empty = true;
    let bytes = '';
    let lineWidth = 0;
    for (const raw of paragraph.split(/[ \t]+/)) {
      if (raw === '') continue;
      let rest = raw;
      let encoded = font.word(rest);
      if (encoded.width > max) {
        // Cut a word wider than the line (a digest, an URL) at the character that overflows.
        if (!empty) push(bytes, lineWidth);
        empty = true;
        while (encoded.width > max && rest.length > 1) {
          let cut = 1;
          while (cut < rest.length && font.word(rest.slice(0, cut + 1)).width <= max) cut++;
          const head = font.word(rest.slice(0, cut));
          push(head.bytes, head.width);
          rest = rest.slice(cut);
          encoded = font.word(rest);
        }
      }
      if (empty) {
        empty = false;
        bytes = encoded.bytes;
        lineWidth = encoded.width;
      } else if (lineWidth + font.space.width + encoded.width <= max) {
        bytes += font.space.bytes + encoded.bytes;
        lineWidth += font.space.width + encoded.width;
      } else {
        push(bytes, lineWidth);
        bytes = encoded.bytes;
        lineWidth = encoded.width;
      }
    }
    push(empty ? '' : bytes, empty ? 0 : lineWidth);
  }
  if (key !== null) {
    if (font.wrapped.size > 20_000) font.wrapped.clear();
    font.wrapped.set(key, lines);
  }
  return lines;
};

export type PageSize = { width: number; height: number; landscape: boolean };
export const A4: PageSize = { width: 595.28, height: 841.89, landscape: false };
export const A4_LANDSCAPE: PageSize = { width: 841.89, height: 595.28, landscape: true };

/** A page being laid out: fills and rules, then text; the text state (font, size, colour) as last set. */
type Page = {
  index: number;
  size: PageSize;
  graphics: string[];
  text: string[];
  fonts: Set<PdfFont>;
  bookmarks: { title: string; level: number }[];
  font: PdfFont | null;
  fontSize: number;
  color: string;
  usesPageCount: boolean;
  body: Promise<Buffer> | null;
};

const emitText = (page: Page, x: number, top: number, text: string | Line, style: TextStyle): void => {
  const bytes = typeof text === 'string' ? style.font.line(text).bytes : text.bytes;
  if (bytes === '') return;
  const color = rgb(style.color ?? BLACK);
  if (page.font !== style.font || page.fontSize !== style.size) {
    page.fonts.add(style.font);
    page.text.push(`/${style.font.id} ${u(style.size)} Tf`);
    page.font = style.font;
    page.fontSize = style.size;
  }
  if (page.color !== color) {
    page.text.push(`${color} rg`);
    page.color = color;
  }
  const baseline = page.size.height - top - (style.font.ascender / 1000) * style.size;
  page.text.push(`1 0 0 1 ${u(x)} ${u(baseline)} Tm (${bytes}) Tj`);
};

const emitRule = (page: Page, x1: number, x2: number, top: number, color: Rgb, lineWidth: number): void => {
  const y = u(page.size.height - top);
  page.graphics.push(`${rgb(color)} RG ${u(lineWidth)} w ${u(x1)} ${y} m ${u(x2)} ${y} l S`);
};

/** What a header or footer may draw on a full page. */
export type PageCanvas = {
  textAt(x: number, top: number, text: string, style: TextStyle): void;
  hline(x1: number, x2: number, top: number, color?: Rgb, lineWidth?: number): void;
  /** The number of pages of the document, in the page-count style, its left edge at `x`. */
  pageCount(x: number, top: number): void;
};

/** Name of the page-count form XObject in each page's resources. */
const PAGE_COUNT = 'PageCount';

/** Level 1: several times faster than the default and a little larger; a dossier is mostly text. */
const DEFLATE_LEVEL = 1;

/**
 * Page compression on a worker thread, so that it runs on the other core while the main thread lays out the next
 * pages (it took a quarter of the time of a 2,000-page dossier). One worker per process, started on first use,
 * keeping the process alive only while it has pages to compress; if it fails, pages are compressed in place.
 */
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const { deflateSync } = require('node:zlib');
parentPort.on('message', ({ id, pages }) => {
  const out = pages.map((raw) => {
    const compressed = deflateSync(raw, { level: ${DEFLATE_LEVEL} });
    const copy = new Uint8Array(compressed.length);
    copy.set(compressed);
    return copy;
  });
  parentPort.postMessage({ id, pages: out }, out.map((page) => page.buffer));
});`;

/** Pages sent to the worker per message: one message per page cost as much as compressing it. */
const BATCH = 24;

type Job = { raw: Uint8Array; resolve: (out: Buffer) => void; reject: (error: Error) => void };

class DeflateWorker {
  private worker: Worker | null = null;
  private failed = false;
  private next = 0;
  private batch: Job[] = [];
  private readonly pending = new Map<number, Job[]>();

  deflate(raw: Buffer): Promise<Buffer> {
    if (!this.start()) return Promise.resolve(deflateSync(raw, { level: DEFLATE_LEVEL }));
    return new Promise((resolve, reject) => {
      // A copy the worker owns (moved, not cloned).
      const moved = new Uint8Array(raw.length);
      moved.set(raw);
      this.batch.push({ raw: moved, resolve, reject });
      if (this.batch.length >= BATCH) this.flush();
    });
  }

  /** Sends the pages waiting; call once no more pages will come for a while (the end of a document). */
  flush(): void {
    const worker = this.worker;
    const jobs = this.batch;
    this.batch = [];
    if (jobs.length === 0) return;
    if (!worker) {
      for (const job of jobs) job.resolve(deflateSync(job.raw, { level: DEFLATE_LEVEL }));
      return;
    }
    const id = this.next++;
    if (this.pending.size === 0) worker.ref();
    this.pending.set(id, jobs);
    const pages = jobs.map((job) => job.raw);
    worker.postMessage(
      { id, pages },
      pages.map((page) => page.buffer as ArrayBuffer),
    );
  }

  private start(): Worker | null {
    if (this.worker || this.failed) return this.worker;
    try {
      const worker = new Worker(WORKER_SOURCE, { eval: true });
      worker.on('message', ({ id, pages }: { id: number; pages: Uint8Array[] }) => {
        const jobs = this.pending.get(id) ?? [];
        this.pending.delete(id);
        if (this.pending.size === 0) worker.unref();
        jobs.forEach((job, index) => {
          const out = pages[index] ?? new Uint8Array(0);
          job.resolve(Buffer.from(out.buffer, out.byteOffset, out.byteLength));
        });
      });
      const fail = () => {
        // The pages it held were moved to it: the documents waiting for them fail (the next ones compress here).
        this.failed = true;
        this.worker = null;
        for (const jobs of this.pending.values()) {
          for (const job of jobs) job.reject(new Error('the page compression worker stopped'));
        }
        this.pending.clear();
      };
      worker.on('error', fail);
      worker.on('exit', fail);
      // Referenced only while pages are being compressed (after the listeners: adding one refs it again).
      worker.unref();
      this.worker = worker;
    } catch {
      this.failed = true;
    }
    return this.worker;
  }
}

const deflater = new DeflateWorker();

export type Margins = { top: number; bottom: number; left: number; right: number };
export type Column = { title: string; width: number };
export type Cell = { text: string; style?: Partial<TextStyle> };
export type Decorate = (page: { index: number; size: PageSize }, canvas: PageCanvas) => void;

/**
 * Pages in memory, top-down coordinates (y grows downwards from the top of the page, as in pdfkit). `y` is the
 * cursor; every call that does not fit starts a new page. `decorate` draws a page's header and footer when it is
 * full; `pageCountStyle` is the style of the page count it may draw.
 */
export class PdfFlow {
  readonly pages: Page[] = [];
  y = 0;
  private page!: Page;
  private size: PageSize = A4;

  constructor(
    private readonly margins: Margins,
    readonly base: TextStyle,
    private readonly decorate: Decorate = () => undefined,
    readonly pageCountStyle: TextStyle = base,
  ) {}

  get left(): number {
    return this.margins.left;
  }

  get width(): number {
    return this.size.width - this.margins.left - this.margins.right;
  }

  get bottom(): number {
    return this.size.height - this.margins.bottom;
  }

  newPage(size: PageSize = this.size): void {
    if (this.pages.length > 0) this.seal(this.page);
    this.size = size;
    this.page = {
      index: this.pages.length,
      size,
      graphics: [],
      text: [],
      fonts: new Set(),
      bookmarks: [],
      font: null,
      fontSize: 0,
      color: '',
      usesPageCount: false,
      body: null,
    };
    this.pages.push(this.page);
    this.y = this.margins.top;
  }

  /** Draws the header and footer, then keeps only the compressed content. */
  seal(page: Page): void {
    if (page.body) return;
    this.decorate(
      { index: page.index, size: page.size },
      {
        textAt: (x, top, text, style) => emitText(page, x, top, text, style),
        hline: (x1, x2, top, color = GREY, lineWidth = 0.5) => emitRule(page, x1, x2, top, color, lineWidth),
        pageCount: (x, top) => {
          const style = this.pageCountStyle;
          page.fonts.add(style.font);
          page.usesPageCount = true;
          const baseline = page.size.height - top - (style.font.ascender / 1000) * style.size;
          page.graphics.push(`q 1 0 0 1 ${u(x)} ${u(baseline)} cm /${PAGE_COUNT} Do Q`);
        },
      },
    );
    const content = `q 0.01 0 0 0.01 0 0 cm\n${page.graphics.join('\n')}\nBT\n${page.text.join('\n')}\nET\nQ\n`;
    // Latin-1: the literal strings hold raw bytes.
    page.body = deflater.deflate(Buffer.from(content, 'latin1'));
    page.graphics = [];
    page.text = [];
  }

  /** Starts a new page unless `height` still fits below the cursor. */
  ensure(height: number): void {
    if (this.pages.length === 0 || this.y + height > this.bottom) this.newPage();
  }

  bookmark(title: string, level = 0): void {
    this.page.bookmarks.push({ title, level });
  }

  /** One line of text whose top is at `top`. */
  textAt(x: number, top: number, text: string | Line, style: TextStyle): void {
    emitText(this.page, x, top, text, style);
  }

  rect(x: number, top: number, width: number, height: number, fill: Rgb): void {
    this.page.graphics.push(
      `${rgb(fill)} rg ${u(x)} ${u(this.size.height - top - height)} ${u(width)} ${u(height)} re f`,
    );
  }

  hline(x1: number, x2: number, top: number, color: Rgb = GREY, lineWidth = 0.5): void {
    emitRule(this.page, x1, x2, top, color, lineWidth);
  }

  vline(x: number, top: number, height: number, color: Rgb, lineWidth: number): void {
    this.page.graphics.push(
      `${rgb(color)} RG ${u(lineWidth)} w ${u(x)} ${u(this.size.height - top)} m ${u(x)} ${u(this.size.height - top - height)} l S`,
    );
  }

  style(over: Partial<TextStyle> = {}): TextStyle {
    return {
      font: over.font ?? this.base.font,
      size: over.size ?? this.base.size,
      color: over.color ?? this.base.color,
      leading: over.leading ?? this.base.leading,
    };
  }

  leadingOf(style: TextStyle): number {
    return style.leading ?? style.size * 1.28;
  }

  /** A wrapped paragraph; it breaks across pages line by line. */
  paragraph(
    text: string,
    over: Partial<TextStyle> & { indent?: number; after?: number; bar?: Rgb; bullet?: string } = {},
  ): void {
    const style = this.style(over);
    const bullet = over.bullet ? style.font.width(`${over.bullet} `, style.size) : 0;
    const indent = (over.indent ?? 0) + bullet;
    const leading = this.leadingOf(style);
    const lines = wrap(text, style, this.width - indent);
    lines.forEach((line, index) => {
      this.ensure(leading);
      if (over.bar) this.vline(this.left + indent - 6, this.y, leading, over.bar, 1.6);
      if (index === 0 && over.bullet) this.textAt(this.left + indent - bullet, this.y, over.bullet, style);
      this.textAt(this.left + indent, this.y, line, style);
      this.y += leading;
    });
    this.y += over.after ?? style.size * 0.35;
  }

  /** "Label : value" on one wrapped paragraph, the label in bold. */
  labelled(labelText: string, value: string, bold: PdfFont, over: Partial<TextStyle> = {}): void {
    const style = this.style(over);
    const labelStyle = { ...style, font: bold };
    const labelWidth = bold.width(`${labelText} `, style.size);
    const leading = this.leadingOf(style);
    const lines = wrap(value, style, this.width - labelWidth);
    this.ensure(leading);
    this.textAt(this.left, this.y, labelText, labelStyle);
    lines.forEach((line, index) => {
      if (index > 0) this.ensure(leading);
      this.textAt(this.left + labelWidth, this.y, line, style);
      this.y += leading;
    });
    this.y += style.size * 0.3;
  }

  space(height: number): void {
    this.y += height;
  }

  /** A table whose header row repeats on each page; a row never splits (over-long cells are cut with "…"). */
  table(
    columns: Column[],
    rows: { cells: Cell[]; fill?: Rgb }[],
    over: { header: TextStyle; body: TextStyle; padding?: number },
  ): void {
    const padding = over.padding ?? 2.5;
    const x0 = this.left;
    const asked = columns.reduce((sum, c) => sum + c.width, 0);
    // Columns are scaled down to the text width when they would overflow it.
    const fitted =
      asked > this.width ? columns.map((c) => ({ ...c, width: (c.width * this.width) / asked })) : columns;
    const totalWidth = Math.min(asked, this.width);
    const headerLines = fitted.map((c) => wrap(c.title, over.header, c.width - 2 * padding));
    const headerLeading = this.leadingOf(over.header);
    const headerHeight = Math.max(...headerLines.map((l) => l.length)) * headerLeading + 2 * padding;
    const drawHeader = () => {
      this.rect(x0, this.y, totalWidth, headerHeight, NAVY);
      let x = x0;
      fitted.forEach((c, i) => {
        (headerLines[i] ?? []).forEach((line, j) =>
          this.textAt(x + padding, this.y + padding + j * headerLeading, line, over.header),
        );
        x += c.width;
      });
      this.y += headerHeight;
    };
    this.ensure(headerHeight + 20);
    drawHeader();
    const maxRowHeight = this.bottom - this.margins.top - headerHeight;
    for (const row of rows) {
      const cellLines = row.cells.map((cell, i) => {
        const style = cell.style ? { ...over.body, ...cell.style } : over.body;
        return { style, lines: wrap(cell.text, style, (fitted[i]?.width ?? 20) - 2 * padding) };
      });
      const heightOf = (c: { style: TextStyle; lines: Line[] }) => c.lines.length * this.leadingOf(c.style);
      let height = Math.max(...cellLines.map(heightOf)) + 2 * padding;
      if (height > maxRowHeight) {
        for (const c of cellLines) {
          const fit = Math.floor((maxRowHeight - 2 * padding) / this.leadingOf(c.style));
          if (c.lines.length > fit) {
            const cut = c.lines[fit - 1] ?? { bytes: '', width: 0 };
            const ellipsis = c.style.font.line(' …');
            c.lines = [
              ...c.lines.slice(0, fit - 1),
              {
                bytes: cut.bytes + ellipsis.bytes,
                width: cut.width + (ellipsis.width * c.style.size) / 1000,
              },
            ];
          }
        }
        height = maxRowHeight;
      }
      if (this.y + height > this.bottom) {
        this.newPage();
        drawHeader();
      }
      if (row.fill) this.rect(x0, this.y, totalWidth, height, row.fill);
      let x = x0;
      cellLines.forEach((c, i) => {
        const leading = this.leadingOf(c.style);
        c.lines.forEach((line, j) => this.textAt(x + padding, this.y + padding + j * leading, line, c.style));
        x += fitted[i]?.width ?? 0;
      });
      this.y += height;
      this.hline(x0, x0 + totalWidth, this.y, [0.78, 0.81, 0.84], 0.4);
    }
    this.y += 6;
  }
}

type OutlineItem = { addItem(title: string): OutlineItem };
type Reference = { end(chunk?: Buffer | string): void };
/** The members of pdfkit's current page used below (its typings do not show them). */
type PdfkitPage = {
  fonts: Record<string, unknown>;
  xobjects: Record<string, unknown>;
  content: unknown;
  dictionary: { data: { Contents: unknown } };
};

/**
 * Writes the laid-out pages into the pdfkit document. Each page's content is its compressed stream, followed by
 * pdfkit's own (which holds only pdfkit's y-down transform); the page count is a form XObject every footer uses.
 */
export const writePages = async (doc: typeof PDFDocument.prototype, flow: PdfFlow): Promise<void> => {
  const last = flow.pages[flow.pages.length - 1];
  if (last) flow.seal(last);
  deflater.flush();
  const countStyle = flow.pageCountStyle;
  const countText = countStyle.font.line(String(flow.pages.length));
  const pageCount = doc.ref({
    Type: 'XObject',
    Subtype: 'Form',
    BBox: [0, u(-countStyle.size), u(countStyle.size * 10), u(countStyle.size * 2)],
    Resources: { Font: { [countStyle.font.id]: countStyle.font.ref() } },
  }) as unknown as Reference;
  pageCount.end(
    Buffer.from(
      `BT /${countStyle.font.id} ${u(countStyle.size)} Tf ${rgb(countStyle.color ?? BLACK)} rg 0 0 Td (${countText.bytes}) Tj ET`,
      'latin1',
    ),
  );
  const outline = (doc as unknown as { outline: OutlineItem }).outline;
  const parents: OutlineItem[] = [outline];
  for (const page of flow.pages) {
    doc.addPage({ size: [page.size.width, page.size.height], margin: 0 });
    const target = (doc as unknown as { page: Partial<PdfkitPage> }).page;
    if (!target.dictionary?.data || !target.fonts || !target.xobjects || target.content === undefined) {
      throw new Error('pdfkit page has not the expected internals (dictionary, content, fonts, xobjects)');
    }
    const body = await (page.body ?? Promise.resolve(Buffer.alloc(0)));
    page.body = null;
    const stream = doc.ref({ Filter: 'FlateDecode' }) as unknown as Reference;
    stream.end(body);
    target.dictionary.data.Contents = [stream, target.content];
    // pdfkit's own stream holds a few bytes (its y-down transform): compressing it cost more than it saved.
    const own = target.content as { compress?: boolean; data?: { Filter?: unknown } };
    if (typeof own.compress === 'boolean' && own.data) {
      own.compress = false;
      delete own.data.Filter;
    }
    for (const font of page.fonts) target.fonts[font.id] ??= font.ref();
    if (page.usesPageCount) target.xobjects[PAGE_COUNT] = pageCount;
    for (const mark of page.bookmarks) {
      const parent = parents[Math.min(mark.level, parents.length - 1)] ?? outline;
      const item = parent.addItem(mark.title);
      parents[mark.level + 1] = item;
      parents.length = mark.level + 2;
    }
  }
};
