import { useId, useState, type ReactNode } from 'react';
import { useUiStore } from '../stores/ui.store';

/** Chart colours per theme: each at least 3:1 against the panel surface (WCAG 1.4.11). */
const PALETTES = {
  dark: {
    series: ['#58a6ff', '#ffa657', '#56d364', '#d2a8ff', '#ff7b72', '#e3b341'],
    text: '#e6edf3',
    muted: '#a3adb8',
    grid: '#3a434f',
    surface: '#1f2630',
    cursor: 'rgb(88 166 255 / 12%)',
  },
  light: {
    series: ['#0969da', '#bc4c00', '#1a7f37', '#8250df', '#cf222e', '#8a5c00'],
    text: '#1f2328',
    muted: '#57606a',
    grid: '#c6ced8',
    surface: '#ffffff',
    cursor: 'rgb(9 105 218 / 10%)',
  },
} as const;

export type ChartPalette = (typeof PALETTES)[keyof typeof PALETTES];

export function useChartPalette(): ChartPalette {
  const theme = useUiStore((state) => state.theme);
  return PALETTES[theme];
}

/** Dash patterns, so lines differ by more than colour. */
export const DASHES = [undefined, '6 3', '2 3', '10 4 2 4', '1 2', '8 2'] as const;

export interface ChartTableData {
  columns: readonly string[];
  /** first cell is the row header */
  rows: readonly (readonly string[])[];
}

interface ChartSectionProps {
  title: string;
  /** one sentence for screen readers: what the chart shows */
  summary: string;
  table: ChartTableData;
  /** shown instead of the chart when there is nothing to draw */
  empty?: string;
  testId: string;
  children: ReactNode;
}

/**
 * A chart with a heading, a text summary and its data as a table: visually hidden (but read by
 * screen readers) until "Show table" is pressed.
 */
export function ChartSection({ title, summary, table, empty, testId, children }: ChartSectionProps) {
  const headingId = useId();
  const tableId = useId();
  const [showTable, setShowTable] = useState(false);
  return (
    <section className="panel chart" aria-labelledby={headingId} data-testid={testId}>
      <header className="panel__header">
        <h2 id={headingId} className="panel__title">
          {title}
        </h2>
        <button
          type="button"
          className="button button--ghost button--small"
          aria-expanded={showTable}
          aria-controls={tableId}
          onClick={() => setShowTable((shown) => !shown)}
        >
          {showTable ? 'Hide table' : 'Show table'}
        </button>
      </header>
      {empty !== undefined ? (
        <p className="chart__empty">{empty}</p>
      ) : (
        <div className="chart__canvas" role="img" aria-label={`${title}: ${summary}`}>
          {children}
        </div>
      )}
      <div id={tableId} className={showTable ? 'chart__table table-scroll' : 'visually-hidden'}>
        <table className="data-table">
          <caption className="visually-hidden">{title}</caption>
          <thead>
            <tr>
              {table.columns.map((column) => (
                <th key={column} scope="col">
                  {column}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {table.rows.map(([head, ...cells], i) => (
              <tr key={`${head ?? ''}-${i}`}>
                <th scope="row">{head}</th>
                {cells.map((cell, j) => (
                  <td key={j}>{cell}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
