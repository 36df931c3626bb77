import { Download } from 'lucide-react';
import { toCsv, type CsvRow } from '../lib/csv';
import { Icon } from './icon';

interface CsvButtonProps {
  /** file name, e.g. from csvFileName() */
  fileName: string;
  header: CsvRow;
  /** built on click, so the file holds exactly what is on screen then */
  rows: () => readonly CsvRow[];
  label?: string;
  /** what is exported, e.g. "the per-day table": the accessible name is "Export CSV: the per-day table" */
  subject: string;
  testId?: string;
}

/** Downloads a table as a .csv file (UTF-8 with a byte-order mark, so spreadsheets read names right). */
export function CsvButton({ fileName, header, rows, label = 'Export CSV', subject, testId }: CsvButtonProps) {
  // The name starts with the visible text, so speech input ("click Export CSV") finds it (WCAG 2.5.3).
  const name = `${label}: ${subject}`;
  const download = (): void => {
    const blob = new Blob(['\uFEFF', toCsv(header, rows())], { type: 'text/csv;charset=utf-8' });
    const url = URL.createObjectURL(blob);
    const link = document.createElement('a');
    link.href = url;
    link.download = fileName;
    link.hidden = true;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1_000);
  };
  return (
    <button type="button" className="button button--secondary button--small" onClick={download} aria-label={name} title={name} data-testid={testId}>
      <Icon of={Download} className="icon--lead" />
      {label}
    </button>
  );
}
