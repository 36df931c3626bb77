/** Every row of a store's paged reader (`ledger.pages()`, `events.pages()`), in order: for tests' checks. */
export async function allPages<T>(pages: AsyncIterable<T[]>): Promise<T[]> {
  const rows: T[] = [];
  for await (const page of pages) rows.push(...page);
  return rows;
}
