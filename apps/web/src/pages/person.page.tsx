/** Person page (being built for issue 3). */
export function PersonPage() {
  return (
    <div className="page">
      <h1 className="page__title">Person</h1>
    </div>
  );
}
