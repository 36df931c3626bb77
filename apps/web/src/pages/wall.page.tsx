/** Wall page (being built for issue 3). */
export function WallPage() {
  return (
    <div className="page">
      <h1 className="page__title">Wall</h1>
    </div>
  );
}
