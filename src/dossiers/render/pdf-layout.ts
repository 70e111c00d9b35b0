import type PDFDocument from 'pdfkit';

/**
 * A small, fast text layout on top of pdfkit. pdfkit keeps the document (pages, embedded font subsets with their
 * ToUnicode maps, outline, compression); this writes the page content itself. Why: pdfkit's `text()` costs about
 * 0.6–0.9 ms per line (measured here: 2,000 one-page sheets took 35–48 s), far over the 2 s budget of a dossier of
 * 2,000 demands. Here each code point is mapped to its glyph once per document (no shaping, no kerning: a plain
 * Latin text needs neither), lines are wrapped greedily on measured widths, and each page is written as one string.
 *
 * It uses four members of pdfkit's EmbeddedFont that its typings do not show (`font`, `subset`, `widths`,
 * `unicode`); `fontOf` checks they are there, so that a pdfkit upgrade that changes them fails loudly.
 */

type FontkitGlyph = { id: number; advanceWidth: number };
type EmbeddedFont = {
  id: string;
  scale: number;
  ascender: number;
  descender: number;
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

const n = (x: number): string => (Math.round(x * 100) / 100).toString();
const rgb = (c: Rgb): string => `${n(c[0])} ${n(c[1])} ${n(c[2])}`;

/** One font of the document: glyphs looked up once per code point. */
export class PdfFont {
  private readonly glyphs = new Map<number, { hex: string; width: number }>();
  private readonly fallback: { hex: string; width: number };

  constructor(private readonly embedded: EmbeddedFont) {
    this.fallback = this.glyphOf('?'.codePointAt(0) ?? 63);
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

  private glyphOf(codePoint: number): { hex: string; width: number } {
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
      known = { hex: gid.toString(16).padStart(4, '0'), width };
    }
    this.glyphs.set(codePoint, known);
    return known;
  }

  /** Width in points at `size`. */
  width(text: string, size: number): number {
    let total = 0;
    for (const char of text) total += this.glyphOf(char.codePointAt(0) ?? 32).width;
    return (total * size) / 1000;
  }

  hex(text: string): string {
    let out = '';
    for (const char of text) out += this.glyphOf(char.codePointAt(0) ?? 32).hex;
    return out;
  }
}

/** The embedded fonts of a pdfkit document, registered from font files (buffers). */
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

/** Splits a text into lines no wider than `width` (words longer than a line are cut). */
export const wrap = (text: string, style: TextStyle, width: number): string[] => {
  const lines: string[] = [];
  const space = style.font.width(' ', style.size);
  for (const paragraph of text.replace(/\r\n?/g, '\n').split('\n')) {
    let line = '';
    let lineWidth = 0;
    for (const word of paragraph.split(/[ \t]+/)) {
      if (word === '') continue;
      let w = style.font.width(word, style.size);
      let rest = word;
      if (w > width) {
        // Cut a word wider than the line (a digest, an URL) at the character that overflows.
        if (line !== '') {
          lines.push(line);
          line = '';
          lineWidth = 0;
        }
        while (w > width) {
          let cut = 1;
          while (cut < rest.length && style.font.width(rest.slice(0, cut + 1), style.size) <= width) cut++;
          lines.push(rest.slice(0, cut));
          rest = rest.slice(cut);
          w = style.font.width(rest, style.size);
        }
      }
      if (line === '') {
        line = rest;
        lineWidth = w;
      } else if (lineWidth + space + w <= width) {
        line += ` ${rest}`;
        lineWidth += space + w;
      } else {
        lines.push(line);
        line = rest;
        lineWidth = w;
      }
    }
    lines.push(line);
  }
  return lines;
};

export type PageSize = { width: number; height: number; landscape: boolean };
export const A4: PageSize = { width: 595.28, height: 841.89, landscape: false };
export const A4_LANDSCAPE: PageSize = { width: 841.89, height: 595.28, landscape: true };

type Page = {
  size: PageSize;
  ops: string[];
  fonts: Set<PdfFont>;
  bookmarks: { title: string; level: number }[];
};

export type Margins = { top: number; bottom: number; left: number; right: number };

export type Column = { title: string; width: number };
export type Cell = { text: string; style?: Partial<TextStyle> };

/**
 * Pages in memory, top-down coordinates (y grows downwards from the top of the page, as in pdfkit). `y` is the
 * cursor; every call that does not fit starts a new page.
 */
export class PdfFlow {
  readonly pages: Page[] = [];
  y = 0;
  private page!: Page;
  private size: PageSize = A4;

  constructor(
    private readonly margins: Margins,
    readonly base: TextStyle,
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
    this.size = size;
    this.page = { size, ops: [], fonts: new Set(), bookmarks: [] };
    this.pages.push(this.page);
    this.y = this.margins.top;
  }

  /** Starts a new page unless `height` still fits below the cursor. */
  ensure(height: number): void {
    if (this.pages.length === 0 || this.y + height > this.bottom) this.newPage();
  }

  bookmark(title: string, level = 0): void {
    this.page.bookmarks.push({ title, level });
  }

  /** One line of text whose top is at `top`. */
  textAt(x: number, top: number, text: string, style: TextStyle): void {
    if (text === '') return;
    const color = style.color ?? BLACK;
    const baseline = this.size.height - top - (style.font.ascender / 1000) * style.size;
    this.page.fonts.add(style.font);
    this.page.ops.push(
      `BT /${style.font.id} ${n(style.size)} Tf ${rgb(color)} rg 1 0 0 1 ${n(x)} ${n(baseline)} Tm <${style.font.hex(text)}> Tj ET`,
    );
  }

  rect(x: number, top: number, width: number, height: number, fill: Rgb): void {
    this.page.ops.push(
      `${rgb(fill)} rg ${n(x)} ${n(this.size.height - top - height)} ${n(width)} ${n(height)} re f`,
    );
  }

  hline(x1: number, x2: number, top: number, color: Rgb = GREY, lineWidth = 0.5): void {
    const y = n(this.size.height - top);
    this.page.ops.push(`${rgb(color)} RG ${n(lineWidth)} w ${n(x1)} ${y} m ${n(x2)} ${y} l S`);
  }

  vline(x: number, top: number, height: number, color: Rgb, lineWidth: number): void {
    this.page.ops.push(
      `${rgb(color)} RG ${n(lineWidth)} w ${n(x)} ${n(this.size.height - top)} m ${n(x)} ${n(this.size.height - top - height)} l S`,
    );
  }

  style(over: Partial<TextStyle> = {}): TextStyle {
    return { ...this.base, ...over };
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
    if (asked > this.width) columns = columns.map((c) => ({ ...c, width: (c.width * this.width) / asked }));
    const totalWidth = Math.min(asked, this.width);
    const headerLines = columns.map((c) => wrap(c.title, over.header, c.width - 2 * padding));
    const headerLeading = this.leadingOf(over.header);
    const headerHeight = Math.max(...headerLines.map((l) => l.length)) * headerLeading + 2 * padding;
    const drawHeader = () => {
      this.rect(x0, this.y, totalWidth, headerHeight, NAVY);
      let x = x0;
      columns.forEach((c, i) => {
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
        const style = { ...over.body, ...cell.style };
        return { style, lines: wrap(cell.text, style, (columns[i]?.width ?? 20) - 2 * padding) };
      });
      const heightOf = (c: { style: TextStyle; lines: string[] }) => c.lines.length * this.leadingOf(c.style);
      let height = Math.max(...cellLines.map(heightOf)) + 2 * padding;
      if (height > maxRowHeight) {
        for (const c of cellLines) {
          const fit = Math.floor((maxRowHeight - 2 * padding) / this.leadingOf(c.style));
          if (c.lines.length > fit) c.lines = [...c.lines.slice(0, fit - 1), `${c.lines[fit - 1] ?? ''} …`];
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
        x += columns[i]?.width ?? 0;
      });
      this.y += height;
      this.hline(x0, x0 + totalWidth, this.y, [0.78, 0.81, 0.84], 0.4);
    }
    this.y += 6;
  }
}

/** Writes the laid-out pages into the pdfkit document, with a header and a "page i / n" footer on each. */
export const writePages = (
  doc: typeof PDFDocument.prototype,
  flow: PdfFlow,
  decorate: (page: { index: number; count: number; size: PageSize }, canvas: PageCanvas) => void,
): void => {
  const count = flow.pages.length;
  const outline = (doc as unknown as { outline: OutlineItem }).outline;
  const parents: OutlineItem[] = [outline];
  flow.pages.forEach((page, index) => {
    decorate({ index, count, size: page.size }, new PageDecorator(page));
    doc.addPage({ size: [page.size.width, page.size.height], margin: 0 });
    const target = (doc as unknown as { page: { fonts: Record<string, unknown> } }).page;
    for (const font of page.fonts) target.fonts[font.id] ??= font.ref();
    // pdfkit starts each page flipped (y downwards); the content below uses PDF coordinates.
    doc.addContent(`q 1 0 0 -1 0 ${n(page.size.height)} cm\n${page.ops.join('\n')}\nQ`);
    for (const mark of page.bookmarks) {
      const parent = parents[Math.min(mark.level, parents.length - 1)] ?? outline;
      const item = parent.addItem(mark.title);
      parents[mark.level + 1] = item;
      parents.length = mark.level + 2;
    }
  });
};

type OutlineItem = { addItem(title: string): OutlineItem };

/** What a header or footer may draw on a laid-out page. */
export type PageCanvas = {
  textAt(x: number, top: number, text: string, style: TextStyle): void;
  hline(x1: number, x2: number, top: number, color?: Rgb, lineWidth?: number): void;
};

/** Draws on an already laid-out page (headers, footers) with the same primitives as the flow. */
class PageDecorator implements PageCanvas {
  constructor(private readonly page: Page) {}

  textAt(x: number, top: number, text: string, style: TextStyle): void {
    if (text === '') return;
    this.page.fonts.add(style.font);
    const baseline = this.page.size.height - top - (style.font.ascender / 1000) * style.size;
    this.page.ops.push(
      `BT /${style.font.id} ${n(style.size)} Tf ${rgb(style.color ?? BLACK)} rg 1 0 0 1 ${n(x)} ${n(baseline)} Tm <${style.font.hex(text)}> Tj ET`,
    );
  }

  hline(x1: number, x2: number, top: number, color: Rgb = GREY, lineWidth = 0.5): void {
    const y = n(this.page.size.height - top);
    this.page.ops.push(`${rgb(color)} RG ${n(lineWidth)} w ${n(x1)} ${y} m ${n(x2)} ${y} l S`);
  }
}
