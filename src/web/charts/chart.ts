import * as Plot from '@observablehq/plot';
import { parseHTML } from 'linkedom';

/** A table that says what the chart shows, for those who read rather than look (and for screen readers). */
export type ChartTable = { caption: string; head: string[]; rows: string[][] };

/** A legend entry: what a fill stands for. The chart never relies on it alone (text labels, order, the table). */
export type ChartLegendEntry = { label: string; fill: string };

/**
 * A chart ready to place in a page: the SVG (rendered on the server, no script), a one-sentence summary in French
 * (the SVG's accessible name), its legend and its text equivalent.
 */
export type Chart = {
  id: string;
  title: string;
  summary: string;
  svg: string;
  legend: ChartLegendEntry[];
  table: ChartTable;
};

// One server-side document for every chart: Plot only needs createElementNS and friends.
const { document } = parseHTML('<!doctype html><html lang="fr"><body></body></html>');

type PlotElement = { outerHTML: string; setAttribute(name: string, value: string): void };

/**
 * Renders Plot options to an SVG string. Plot's inline <style> element is dropped (the page's stylesheet styles
 * `.chart svg`, so the Content-Security-Policy needs no 'unsafe-inline'); the SVG is an image named by `summary`.
 */
export const renderPlot = (options: Plot.PlotOptions, summary: string): string => {
  const element = Plot.plot({ ...options, document: document as never }) as unknown as PlotElement;
  element.setAttribute('role', 'img');
  element.setAttribute('aria-label', summary);
  element.setAttribute('focusable', 'false');
  const html = element.outerHTML;
  const rootEnd = html.indexOf('>') + 1;
  // The SVG is one image named by its summary: the marks' own aria-label/aria-description (Plot puts them on <g>,
  // which has no role allowing them) are dropped, or axe reports aria-prohibited-attr (serious).
  const marks = html.slice(rootEnd).replace(/ aria-(?:label|description)="[^"]*"/g, '');
  return (html.slice(0, rootEnd) + marks)
    .replace(/<style>[\s\S]*?<\/style>/g, '')
    .replace(/ class="plot-[a-z0-9-]+"/g, ' class="plot"')
    .replace(/^<svg ([^>]*)font-size="10"/, '<svg $1font-size="13"');
};

/** "1 revendication", "3 revendications", "0 revendication" (French: 0 and 1 take the singular). */
export const countOf = (n: number, one: string, other: string): string =>
  `${n.toLocaleString('fr-FR')} ${new Intl.PluralRules('fr-FR').select(n) === 'one' ? one : other}`;

/** A number with a decimal comma and at most one decimal: 38,3. */
export const decimal = (x: number): string =>
  x.toLocaleString('fr-FR', { maximumFractionDigits: 1, minimumFractionDigits: 0 });
