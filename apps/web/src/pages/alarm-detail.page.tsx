/** Alarm page (being built for issue 3). */
export function AlarmDetailPage() {
  return (
    <div className="page">
      <h1 className="page__title">Alarm</h1>
    </div>
  );
}
